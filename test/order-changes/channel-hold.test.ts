// A channel order the ingest could not place is held (channel_issue) with no stock. Releasing it reserves its stock
// first (from the cells' own figures, through a stock change); short, it stays on hold and nothing is reserved.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { auditStock } from "../../src/audit/stock";
import { admin } from "../helpers/client";
import { makeLocation, makeProduct, receive } from "../helpers/fixtures";
import { delivered, makeChannel, sendShopify, shopifyOrder } from "../channels/helpers";
import { cellOf, fulfillmentsOf, orderOf, path } from "./world";

let berlin: string;
let shopify: string;
beforeAll(async () => {
  berlin = await makeLocation("berlin");
  shopify = await makeChannel("shopify");
});

const release = (id: string, body: { note?: string; expected_version?: number } = {}) => admin().POST("/v1/orders/{id}/release", { ...path(id), body });

/** A paid Shopify order (2 × the first SKU, 1 × the second) run through the ingest: held, nothing reserved. */
async function heldChannelOrder(skus: [string, string]) {
  const ev = await delivered(await sendShopify(shopify, "orders/create", shopifyOrder(skus)));
  expect(ev).toMatchObject({ status: "processed", outcome: "held" });
  const o = await orderOf(ev.order_id!);
  expect(o).toMatchObject({ status: "on_hold", payment_status: "paid", hold: { kind: "channel_issue" } });
  expect(o.lines.every((l) => l.allocations.length === 0)).toBe(true);
  return o;
}

async function expectCleanAudit() {
  expect((await auditStock(env)).discrepancies).toEqual([]);
}

const openChanges = async (orderId: string) =>
  (await env.DB.prepare("SELECT state FROM stock_changes WHERE order_id = ? AND kind = 'release_hold'").bind(orderId).all<{ state: string }>()).results.map((r) => r.state);

describe("releasing a channel order held without stock", () => {
  it("reserves its stock once it arrived, commits it (the order is paid) and sends the order to fulfillment", async () => {
    const [tee, tote] = await makeProduct([2500, 1990]);
    const o = await heldChannelOrder([tee, tote]);
    expect(o.hold!.reason).toMatch(/^insufficient_stock/);

    await receive(tee, berlin, 5);
    await receive(tote, berlin, 5);
    const res = await release(o.id, { note: "stock arrived", expected_version: o.version });
    expect(res.response.status).toBe(200);
    expect(res.data).toMatchObject({ status: "open", hold: null, payment_status: "paid" });
    expect(res.data!.lines.map((l) => [l.sku, l.allocations.map((a) => [a.location_id, a.quantity])])).toEqual([
      [tee, [[berlin, 2]]],
      [tote, [[berlin, 1]]],
    ]);
    expect(res.data!.events.at(-1)).toMatchObject({ type: "order.hold_released", data: { kind: "channel_issue", note: "stock arrived" } });
    expect(await cellOf(berlin, tee)).toMatchObject({ on_hand: 5, committed: 2, held: 0, available: 3 });
    expect(await cellOf(berlin, tote)).toMatchObject({ on_hand: 5, committed: 1, held: 0, available: 4 });
    const row = await env.DB.prepare("SELECT stock_state, hold_expires_at FROM orders WHERE id = ?").bind(o.id).first();
    expect(row).toEqual({ stock_state: "committed", hold_expires_at: null });
    expect(await openChanges(o.id)).toEqual(["done"]);

    // The fulfillment job the release sent makes the shipment.
    expect(await fulfillmentsOf(o.id, 1)).toMatchObject([{ location_id: berlin, status: "pending", units: 3 }]);
    await expectCleanAudit();
  });

  it("an edit adding units before the release is refused: they would be held alone and lapse unowned", async () => {
    const [tee, tote] = await makeProduct([2500, 1990]);
    const o = await heldChannelOrder([tee, tote]);
    await receive(tee, berlin, 5);
    const res = await admin().POST("/v1/orders/{id}/edit", { ...path(o.id), body: { expected_version: o.version, changes: [{ type: "add_line", sku: tee, quantity: 1 }] } });
    expect(res.response.status).toBe(409);
    expect(res.error).toMatchObject({ code: "stock_not_reserved" });
    expect(await cellOf(berlin, tee)).toMatchObject({ on_hand: 5, held: 0, committed: 0 });
    expect((await orderOf(o.id)).lines).toHaveLength(2);
    await expectCleanAudit();
  });

  it("still short: 409 with the shortages, the order stays on hold and nothing is reserved; later it goes", async () => {
    const [tee, tote] = await makeProduct([2500, 1990]);
    const o = await heldChannelOrder([tee, tote]);
    await receive(tee, berlin, 1);
    await receive(tote, berlin, 3);

    const res = await release(o.id);
    expect(res.response.status).toBe(409);
    expect(res.error).toMatchObject({ code: "insufficient_stock", shortages: [{ sku: tee, requested: 2, available: 1 }] });
    expect(await orderOf(o.id)).toMatchObject({ status: "on_hold", hold: { kind: "channel_issue" }, version: o.version });
    expect(await cellOf(berlin, tee)).toMatchObject({ committed: 0, held: 0, available: 1 });
    expect(await cellOf(berlin, tote)).toMatchObject({ committed: 0, held: 0, available: 3 });
    await expectCleanAudit();

    await receive(tee, berlin, 1);
    expect((await release(o.id)).data).toMatchObject({ status: "open" });
    expect(await cellOf(berlin, tee)).toMatchObject({ committed: 2, held: 0, available: 0 });
    expect(await fulfillmentsOf(o.id, 1)).toMatchObject([{ status: "pending", units: 3 }]);
    await expectCleanAudit();
  });

  it("with a SKU the catalog does not know: 422 naming it, nothing reserved", async () => {
    const [tee] = await makeProduct([2500]);
    await receive(tee, berlin, 5);
    const o = await heldChannelOrder([tee, "NOT-IN-CATALOG-9"]);
    const res = await release(o.id);
    expect(res.response.status).toBe(422);
    expect(res.error).toMatchObject({ code: "unknown_sku", errors: [{ field: "lines.1.sku", message: "Unknown SKU NOT-IN-CATALOG-9" }] });
    expect(await orderOf(o.id)).toMatchObject({ status: "on_hold", version: o.version });
    expect(await cellOf(berlin, tee)).toMatchObject({ committed: 0, held: 0, available: 5 });
    expect(await openChanges(o.id)).toEqual([]);
    await expectCleanAudit();
  });
});
