// Pure readers of channel payloads, signatures and import files.
import { describe, expect, it } from "vitest";
import { genericEvent, PayloadError, toEpochMs, toMinor, unitLines } from "../../src/domain/channel-order";
import { hmacBase64, hmacBase64Matches } from "../../src/domain/channel-signature";
import { importUnits, parseCsv } from "../../src/domain/import-file";
import { shopifyEvent, shopifyOrder } from "../../src/domain/shopify-order";
import { wooEvent, wooOrder } from "../../src/domain/woo-order";
import shopifyFixture from "../channels/fixtures/shopify-order.json";
import wooFixture from "../channels/fixtures/woo-order.json";

describe("money and time", () => {
  it("reads decimal amounts into minor units by the currency's exponent, without floating point", () => {
    expect(toMinor("19.99", "EUR", "x")).toBe(1999);
    expect(toMinor("0.1", "EUR", "x")).toBe(10);
    expect(toMinor(25, "EUR", "x")).toBe(2500);
    expect(toMinor("1500", "JPY", "x")).toBe(1500);
    expect(toMinor("1.234", "KWD", "x")).toBe(1234);
    expect(() => toMinor("1.999", "EUR", "x")).toThrow(PayloadError);
    expect(() => toMinor("abc", "EUR", "x")).toThrow(PayloadError);
  });

  it("reads zoned, zoneless (WooCommerce *_gmt) and epoch timestamps", () => {
    expect(toEpochMs("2025-03-04T10:15:03+01:00")).toBe(Date.UTC(2025, 2, 4, 9, 15, 3));
    expect(toEpochMs("2025-03-04T10:20:41")).toBe(Date.UTC(2025, 2, 4, 10, 20, 41));
    expect(toEpochMs(1_700_000_000_000)).toBe(1_700_000_000_000);
  });

  it("splits a line whose amount does not divide into two lines that add up to the cent", () => {
    expect(unitLines({ quantity: 3, amount: 2897 })).toEqual([
      { quantity: 1, amount: 965, unitPrice: 965 },
      { quantity: 2, amount: 1932, unitPrice: 966 },
    ]);
    expect(unitLines({ quantity: 2, amount: 4500 })).toEqual([{ quantity: 2, amount: 4500, unitPrice: 2250 }]);
  });
});

describe("Shopify orders", () => {
  it("read lines after discounts, shipping, tax, payment and address", () => {
    const o = shopifyOrder(shopifyFixture);
    expect(o).toMatchObject({ externalId: "5924843323501", name: "#1042", currency: "EUR", financialStatus: "paid", shippingTotal: 490, taxTotal: 1233, total: 8213, cancelled: false });
    expect(o.lines).toEqual([
      { externalSku: "TEE-M", title: "Organic Tee - M", quantity: 2, amount: 4500 },
      { externalSku: "TOTE", title: "Canvas Tote", quantity: 1, amount: 1990 },
    ]);
    expect(o.shippingAddress).toEqual({ name: "Ada Shopper", line1: "Torstraße 1", line2: "3. OG", city: "Berlin", postal_code: "10119", country: "DE", phone: "+49 30 1234567", latitude: 52.5299, longitude: 13.4013 });
  });

  it("keep ids beyond 2^53 exact through the GraphQL id; prices with tax included carry no extra tax", () => {
    const o = shopifyOrder({ ...shopifyFixture, id: 820982911946154508, admin_graphql_api_id: "gid://shopify/Order/820982911946154508", taxes_included: true });
    expect(o.externalId).toBe("820982911946154508");
    expect(o.taxTotal).toBe(0);
  });

  it("map topics: cancelled (or an update with cancelled_at) cancels, unknown topics are ignored", () => {
    const body = JSON.stringify(shopifyFixture);
    expect(shopifyEvent("orders/create", body).action).toBe("upsert");
    expect(shopifyEvent("orders/cancelled", body).action).toBe("cancel");
    expect(shopifyEvent("orders/updated", JSON.stringify({ ...shopifyFixture, cancelled_at: "2025-03-05T00:00:00Z" })).action).toBe("cancel");
    expect(shopifyEvent("refunds/create", body).action).toBe("ignore");
    expect(() => shopifyEvent("orders/create", "{")).toThrow(PayloadError);
    expect(() => shopifyEvent("orders/create", JSON.stringify({ id: 1 }))).toThrow(/Not a Shopify order: currency/);
  });
});

describe("WooCommerce orders", () => {
  it("read line totals after coupons, total tax, shipping and the status as payment", () => {
    const o = wooOrder(wooFixture);
    expect(o).toMatchObject({ externalId: "5120", name: "#5120", financialStatus: "pending", shippingTotal: 490, taxTotal: 872, total: 5462, email: "jean.dupont@example.com", updatedAt: Date.UTC(2025, 2, 4, 10, 20, 41) });
    expect(o.lines.map((l) => [l.externalSku, l.quantity, l.amount])).toEqual([["TEE-M", 1, 2500], ["TOTE", 1, 1600]]);
    expect(o.shippingAddress).toMatchObject({ name: "Jean Dupont", line1: "12 Rue de la République", postal_code: "69002", country: "FR" });
    expect(wooOrder({ ...wooFixture, status: "processing" }).financialStatus).toBe("paid");
    expect(wooEvent("order.updated", JSON.stringify({ ...wooFixture, status: "cancelled" })).action).toBe("cancel");
    expect(wooEvent("order.deleted", "{}").action).toBe("ignore");
  });

  it("name lines without a SKU by product and variation", () => {
    const doc = structuredClone(wooFixture);
    doc.line_items[0].sku = "";
    expect(wooOrder(doc).lines[0].externalSku).toBe("product:301:305");
  });
});

describe("marketplace events (our document)", () => {
  it("read order.created and order.cancelled, refusing what is not an order", () => {
    const data = { id: "M-1", currency: "EUR", lines: [{ sku: "A", quantity: 2, unit_price: 500 }], shipping_total: 100 };
    const created = genericEvent(JSON.stringify({ type: "order.created", data }));
    expect(created).toMatchObject({ action: "upsert", order: { externalId: "M-1", total: 1100, financialStatus: "pending" } });
    expect(genericEvent(JSON.stringify({ type: "order.cancelled", data })).action).toBe("cancel");
    expect(genericEvent(JSON.stringify({ type: "product.updated" })).action).toBe("ignore");
    expect(() => genericEvent(JSON.stringify({ type: "order.created", data: { ...data, lines: [] } }))).toThrow(/lines/);
  });
});

describe("Shopify and WooCommerce signatures", () => {
  it("match the known vector and refuse anything else", async () => {
    const body = '{"id":1,"total":"10.00"}';
    expect(await hmacBase64("test_secret", body)).toBe("YxnEYPkbJ7rCDsI0jg5s/MnlRJfhwcFfqZfU9V/OqS4=");
    expect(await hmacBase64Matches("test_secret", body, "YxnEYPkbJ7rCDsI0jg5s/MnlRJfhwcFfqZfU9V/OqS4=")).toBe(true);
    expect(await hmacBase64Matches("test_secret", body + " ", "YxnEYPkbJ7rCDsI0jg5s/MnlRJfhwcFfqZfU9V/OqS4=")).toBe(false);
    expect(await hmacBase64Matches("other", body, "YxnEYPkbJ7rCDsI0jg5s/MnlRJfhwcFfqZfU9V/OqS4=")).toBe(false);
    expect(await hmacBase64Matches("test_secret", body, null)).toBe(false);
    expect(await hmacBase64Matches("test_secret", body, "***")).toBe(false);
  });
});

describe("import files", () => {
  it("parse RFC 4180 CSV: quotes, doubled quotes, line breaks in fields, CRLF, a byte-order mark", () => {
    expect(parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\n"two\nlines",z')).toEqual([["a", "b"], ["x, y", 'say "hi"'], ["two\nlines", "z"]]);
    expect(() => parseCsv('a\n"open')).toThrow(PayloadError);
  });

  it("group CSV rows into orders by order_id and number rows as a spreadsheet does", () => {
    const units = importUnits("orders_csv", "order_id,currency,sku,quantity,unit_price\nA,EUR,S1,1,100\nB,EUR,S2,x,100\nA,EUR,S3,2,50\n");
    expect(units.map((u) => u.rows)).toEqual([[2, 4], [3]]);
    expect(units[0].doc).toMatchObject({ id: "A", lines: [{ sku: "S1", quantity: 1 }, { sku: "S3", quantity: 2, unit_price: 50 }] });
    expect(units[1].doc).toMatchObject({ lines: [{ quantity: "x" }] });
    expect(() => importUnits("inventory_csv", "sku,on_hand\n")).toThrow(/location/);
  });
});
