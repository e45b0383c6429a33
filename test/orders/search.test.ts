// The central order list: filters that combine, both sort orders, keyset pages that neither skip nor repeat.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { placeCheckout } from "../../src/checkout/service";
import { admin, key, raw } from "../helpers/client";
import { makeProduct, receive, shipTo } from "../helpers/fixtures";
import { type Desk, email, makeDesk, placeOrder } from "./desk";

let d: Desk;
beforeAll(async () => {
  d = await makeDesk();
});

const search = async (query: Record<string, unknown>) => {
  const res = await admin().GET("/v1/orders", { params: { query: query as never } });
  expect(res.response.status).toBe(200);
  return res.data!;
};
const numbers = (page: { data: { number: number }[] }) => page.data.map((o) => o.number);

describe("filters", () => {
  it("combine: customer email, payment status, SKU, location, number and date", async () => {
    const who = email();
    const a = await placeOrder(d, { email: who, paid: true });
    const b = await placeOrder(d, { email: who.toUpperCase(), sku: a.sku });
    const c = await placeOrder(d, { email: email(), paid: true, from: "lyon", sku: a.sku });

    expect(numbers(await search({ email: who }))).toEqual([b.order.number, a.order.number]);
    expect(numbers(await search({ email: who.toUpperCase(), payment_status: "authorized" }))).toEqual([a.order.number]);
    expect(numbers(await search({ sku: a.sku }))).toEqual([c.order.number, b.order.number, a.order.number]);
    expect(numbers(await search({ sku: a.sku, location_id: d.lyon }))).toEqual([c.order.number]);
    expect(numbers(await search({ sku: a.sku, location_id: d.berlin, payment_status: "pending" }))).toEqual([b.order.number]);
    expect(numbers(await search({ number: b.order.number }))).toEqual([b.order.number]);
    expect(numbers(await search({ number: b.order.number, status: "cancelled" }))).toEqual([]);
    expect(numbers(await search({ sku: a.sku, created_from: b.order.created_at }))).toEqual([c.order.number, b.order.number]);
    expect(numbers(await search({ sku: a.sku, created_to: b.order.created_at }))).toEqual([a.order.number]);
    expect(numbers(await search({ sku: a.sku, fulfillment_status: "fulfilled" }))).toEqual([]);
  });

  it("by channel and by tag (any case)", async () => {
    const { order: web } = await placeOrder(d, { email: email() });
    await env.DB.prepare("INSERT OR IGNORE INTO channels (id, code, name, kind, created_at, updated_at) VALUES ('ch_market', 'market', 'Market', 'marketplace', 0, 0)").run();
    const [sku] = await makeProduct([500]);
    await receive(sku, d.berlin, 1);
    const market = await placeCheckout(
      { env, principal: { id: "test", kind: "secret", scopes: [] }, checkoutKey: key(), waitUntil: () => {}, channel: { id: "ch_market", externalId: key("ext") } },
      { email: email(), currency: "EUR", lines: [{ sku, quantity: 1 }], shipping_address: shipTo("berlin") },
    );
    expect(numbers(await search({ channel_id: "ch_market" }))).toEqual([market.number]);
    expect(numbers(await search({ channel_id: "ch_web", number: web.number }))).toEqual([web.number]);

    const tagged = await admin().PUT("/v1/orders/{id}/tags", { params: { path: { id: web.id } }, body: { tags: ["Wholesale"], expected_version: web.version } });
    expect(tagged.response.status).toBe(200);
    expect(numbers(await search({ tag: "WHOLESALE " }))).toEqual([web.number]);
    expect(numbers(await search({ tag: "wholesale", channel_id: "ch_market" }))).toEqual([]);
    await admin().PUT("/v1/orders/{id}/tags", { params: { path: { id: web.id } }, body: { tags: [], expected_version: tagged.data!.version } });
    expect(numbers(await search({ tag: "wholesale" }))).toEqual([]);
  });
});

describe("sorting and pages", () => {
  it("walks every order once by total, both ways, with ties broken by id", async () => {
    const [sku] = await makeProduct([100]);
    const placed = [];
    for (const quantity of [3, 1, 2, 1, 5]) placed.push((await placeOrder(d, { email: email(), sku, quantity, price: 100 })).order);
    const byTotal = [...placed].sort((x, y) => x.total - y.total || (x.id < y.id ? -1 : 1)).map((o) => o.number);
    for (const order of ["asc", "desc"] as const) {
      const seen: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await search({ sku, sort: "total", order, limit: 2, ...(cursor ? { cursor } : {}) });
        expect(page.data.length).toBeLessThanOrEqual(2);
        seen.push(...numbers(page));
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(order === "asc" ? byTotal : [...byTotal].reverse());
    }
  });

  it("pages newest first by default and a new order does not shift the next page", async () => {
    const [sku] = await makeProduct([100]);
    const placed = [];
    for (let i = 0; i < 3; i++) placed.push((await placeOrder(d, { email: email(), sku })).order.number);
    const first = await search({ sku, limit: 2 });
    expect(numbers(first)).toEqual([placed[2], placed[1]]);
    await placeOrder(d, { email: email(), sku });
    const second = await search({ sku, limit: 2, cursor: first.next_cursor });
    expect(numbers(second)).toEqual([placed[0]]);
    expect(second.next_cursor).toBeNull();
  });
});

describe("bad queries", () => {
  const bad = async (query: string, field: string) => {
    const res = await raw(`/v1/orders?${query}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; errors: { field: string }[] };
    expect(body.code).toBe("validation_failed");
    expect(body.errors.map((e) => e.field)).toContain(field);
  };

  it("answers 400 naming the field, never 500", async () => {
    await bad("status=lost", "query.status");
    await bad("sort=email", "query.sort");
    await bad("order=sideways", "query.order");
    await bad("limit=0", "query.limit");
    await bad("limit=201", "query.limit");
    await bad("created_from=yesterday", "query.created_from");
    await bad("number=-4", "query.number");
    await bad("sku=no%20spaces", "query.sku");
    await bad("cursor=not-a-cursor", "query.cursor");
    await bad(`cursor=${encodeURIComponent(btoa('["created_at","x","ord_1"]'))}`, "query.cursor");
  });

  it("refuses a cursor made for another sort", async () => {
    const [sku] = await makeProduct([100]);
    for (let i = 0; i < 2; i++) await placeOrder(d, { email: email(), sku });
    const page = await search({ sku, limit: 1 });
    const res = await raw(`/v1/orders?sort=total&cursor=${page.next_cursor}`);
    expect(res.status).toBe(400);
  });

  it("needs the orders:read scope", async () => {
    expect((await raw("/v1/orders", {}, d.pk)).status).toBe(403);
    expect((await raw("/v1/orders", {}, null)).status).toBe(401);
  });
});
