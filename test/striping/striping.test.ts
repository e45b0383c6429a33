// A flash-sale SKU striped across several cells: totals survive turning it on and off, the storm sells exactly the
// stock, nobody is refused while any stripe has some, and holds end on the stripe that has them.
import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { auditStock } from "../../src/audit/stock";
import { prepareAll } from "../../src/db/sql";
import { stripeCellOf, stripeOfHold, stripeSku } from "../../src/inventory/cells";
import { StockChange } from "../../src/stock-changes/change";
import { driveChanges } from "../../src/stock-changes/drive";
import { LEASE_MS } from "../../src/stock-changes/record";
import { admin, client, key } from "../helpers/client";
import { makeLocation, makeProduct, publishableKey, receive, shipTo } from "../helpers/fixtures";

const at = (location_id: string, sku: string) => ({ params: { path: { location_id, sku } } });
const stripe = (location_id: string, sku: string, stripes: number) => admin().PUT("/v1/locations/{location_id}/inventory/{sku}/striping", { ...at(location_id, sku), body: { stripes } });
const level = async (location_id: string, sku: string) => (await admin().GET("/v1/locations/{location_id}/inventory/{sku}", at(location_id, sku))).data!;
const stripes = async (location_id: string, sku: string) => (await admin().GET("/v1/locations/{location_id}/inventory/{sku}/striping", at(location_id, sku))).data!;

async function expectAuditClean(sku: string) {
  const audit = await auditStock(env as never, { sku });
  expect(audit.discrepancies).toEqual([]);
  return audit;
}

const buy = (sku: string, quantity: number, i: number) =>
  admin().POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key(`striped-${i}`) } },
    body: {
      email: `flash${i}@example.com`,
      currency: "EUR",
      lines: [{ sku, quantity }],
      shipping_address: shipTo("berlin"),
      payment: { provider: "psp", reference: `tp_${Math.random().toString(36).slice(2)}`, amount: 1000 * quantity },
    },
  });

const holdOf = async (orderId: string) => (await env.DB.prepare("SELECT hold_id FROM allocations WHERE order_id = ?").bind(orderId).first<{ hold_id: string }>())!.hold_id;

/** Figures of every stripe, straight from the cells. */
const cells = async (loc: string, sku: string, n: number) => Promise.all(Array.from({ length: n }, (_, k) => stripeCellOf(env, sku, loc, k).snapshot()));

describe("striping a SKU at a location", () => {
  it("spreads the stock evenly, reads as one SKU everywhere, and folds back with the same totals", async () => {
    const berlin = await makeLocation("berlin");
    const [sku] = await makeProduct([1000]);
    await receive(sku, berlin, 42);

    const on = await stripe(berlin, sku, 4);
    expect(on.response.status).toBe(200);
    expect(on.data!.stripes).toBe(4);
    expect(on.data!.cells.map((c) => c.available)).toEqual([11, 11, 10, 10]);
    expect(on.data!.level).toMatchObject({ sku, on_hand: 42, available: 42, held: 0, committed: 0 });
    // Every unit that moved went through the stock-change record, and the record is finished.
    const moves = await env.DB.prepare("SELECT state, note FROM stock_changes WHERE kind = 'stripe_move'").all<{ state: string; note: string | null }>();
    expect(moves.results).toEqual([{ state: "done", note: null }]);

    expect(await level(berlin, sku)).toMatchObject({ sku, on_hand: 42, available: 42 });
    const listed = await admin().GET("/v1/inventory/levels", { params: { query: { sku } } });
    expect(listed.data!.data).toEqual([expect.objectContaining({ sku, location_id: berlin, on_hand: 42, available: 42 })]);
    const pk = await publishableKey();
    const avail = await client(pk).GET("/v1/availability", { params: { query: { sku: [sku] } } });
    expect(avail.data!.data[0]).toMatchObject({ sku, available: 42, locations: [{ location_id: berlin, available: 42 }] });

    // Fewer stripes: the folded ones give their units back to the others.
    const two = await stripe(berlin, sku, 2);
    expect(two.data!.cells.map((c) => [c.stripe, c.active, c.available])).toEqual([[0, true, 21], [1, true, 21], [2, false, 0], [3, false, 0]]);

    // A count is of the whole location: not while a share of it sits on stripes.
    const count = () =>
      admin().POST("/v1/inventory/movements", {
        params: { header: { "idempotency-key": key("count") } },
        body: { sku, location_id: berlin, kind: "count", quantity: 41, reason: "cycle_count" },
      });
    const refused = await count();
    expect(refused.response.status).toBe(409);
    expect(refused.error).toMatchObject({ code: "stock_striped" });

    const off = await admin().DELETE("/v1/locations/{location_id}/inventory/{sku}/striping", at(berlin, sku));
    expect(off.response.status).toBe(200);
    expect(off.data!.stripes).toBe(1);
    expect(off.data!.cells.map((c) => c.on_hand)).toEqual([42, 0, 0, 0]);
    expect(await level(berlin, sku)).toMatchObject({ on_hand: 42, available: 42 });
    expect((await count()).response.status).toBe(201);
    expect(await level(berlin, sku)).toMatchObject({ on_hand: 41, available: 41 });
    await expectAuditClean(sku);
  });

  it("finishes a move between stripes that died midway: no unit lost, none doubled", async () => {
    const berlin = await makeLocation("berlin");
    const [sku] = await makeProduct([1000]);
    await receive(sku, berlin, 10);
    await stripe(berlin, sku, 2);
    // A move recorded as written whose request died after the units left stripe 0 and before they reached stripe 1.
    const id = `chg_crash_${Math.random().toString(36).slice(2)}`;
    const change = StockChange.without(env as never, {
      id,
      orderId: null,
      kind: "stripe_move",
      afterwards: [{ op: "move_units", key: `${id}:0`, qty: 3, sku, locationId: berlin, to: stripeSku(sku, 1), reason: "rebalance" }],
    });
    await change.write([], (statements) => env.DB.batch(prepareAll(env.DB, statements)));
    await stripeCellOf(env, sku, berlin, 0).move({ sku, locationId: berlin }, { key: `${id}:0:out`, kind: "adjust", qty: -3, reason: "rebalance" });
    expect((await stripes(berlin, sku)).level.on_hand).toBe(7);

    // The sweep finishes it, and finishing again changes nothing.
    for (let pass = 0; pass < 2; pass++) await driveChanges(env as never, Date.now() + LEASE_MS + 1_000);
    const after = await stripes(berlin, sku);
    expect(after.cells.map((c) => c.on_hand)).toEqual([2, 8]);
    expect(after.level).toMatchObject({ on_hand: 10, available: 10 });
    expect(await env.DB.prepare("SELECT state FROM stock_changes WHERE id = ?").bind(id).first()).toEqual({ state: "done" });
    await expectAuditClean(sku);
  });

  it("refuses striping for a SKU or location that does not exist", async () => {
    const berlin = await makeLocation("berlin");
    const res = await stripe(berlin, "NO-SUCH-SKU", 4);
    expect(res.response.status).toBe(422);
    expect(res.error).toMatchObject({ code: "unknown_sku" });
    const [sku] = await makeProduct([1000]);
    expect((await stripe("loc_missing", sku, 4)).response.status).toBe(404);
    expect((await stripe(berlin, sku, 17)).response.status).toBe(400);
  });
});

describe("the storm on a striped SKU", () => {
  const SHOPPERS = 120;
  const STOCK = 40;

  it(`sells exactly ${STOCK} units over 4 stripes to ${SHOPPERS} concurrent shoppers`, async () => {
    const berlin = await makeLocation("berlin");
    const [sku] = await makeProduct([1000]);
    await receive(sku, berlin, STOCK);
    await stripe(berlin, sku, 4);

    const results = await Promise.all(Array.from({ length: SHOPPERS }, (_, i) => buy(sku, 1, i)));
    const statuses = results.map((r) => r.response.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(STOCK);
    expect(statuses.filter((s) => s === 409)).toHaveLength(SHOPPERS - STOCK);

    const sold = results.flatMap((r) => r.data?.lines[0].allocations ?? []);
    expect(sold.reduce((t, a) => t + a.quantity, 0)).toBe(STOCK);
    // The sales really spread: more than one stripe sold.
    const { results: holds } = await env.DB.prepare("SELECT hold_id FROM allocations WHERE sku = ?").bind(sku).all<{ hold_id: string }>();
    expect(new Set(holds.map((a) => stripeOfHold(a.hold_id))).size).toBeGreaterThan(1);
    const figures = await cells(berlin, sku, 4);
    expect(figures.reduce((t, c) => t + c.committed, 0)).toBe(STOCK);
    expect(figures.reduce((t, c) => t + c.onHand, 0)).toBe(STOCK);
    expect(figures.every((c) => c.available === 0 && c.held === 0)).toBe(true);
    expect(await level(berlin, sku)).toMatchObject({ on_hand: STOCK, committed: STOCK, available: 0 });
    const audit = await expectAuditClean(sku);
    expect(audit.checked.allocations).toBe(STOCK);
  });

  it("refuses nobody while the stripes together have stock, even when the shopper's stripe ran dry", async () => {
    const berlin = await makeLocation("berlin");
    const [sku] = await makeProduct([1000]);
    await receive(sku, berlin, 20);
    await stripe(berlin, sku, 4);

    // Stripe 2 runs dry behind the read model's back: its 5 units go to a hold of its own.
    const dry = stripeCellOf(env, sku, berlin, 2);
    expect(await dry.reserve({ sku: `${sku}#2`, locationId: berlin }, { holdId: "hold_test.s2", ref: "test", qty: 5, ttlMs: 3_600_000 })).toMatchObject({ ok: true });
    // A line larger than any stripe has: units move into one stripe until it covers the line.
    const big = await buy(sku, 8, 0);
    expect(big.response.status).toBe(201);
    // Every remaining unit sells, one by one and all at once, wherever the read model thinks it is.
    const rest = await Promise.all(Array.from({ length: 7 }, (_, i) => buy(sku, 1, i + 1)));
    expect(rest.map((r) => r.response.status)).toEqual(Array(7).fill(201));
    const late = await buy(sku, 1, 99);
    expect(late.response.status).toBe(409);
    expect(late.error).toMatchObject({ code: "insufficient_stock" });

    expect((await dry.release("hold_test.s2", "test over")).ok).toBe(true);
    expect(await level(berlin, sku)).toMatchObject({ on_hand: 20, committed: 15, available: 5 });
    await expectAuditClean(sku);
  });
});

describe("holds of a striped SKU", () => {
  it("go back to the stripe that has them when released or expired", async () => {
    const berlin = await makeLocation("berlin");
    const [sku] = await makeProduct([1000]);
    await receive(sku, berlin, 12);
    await stripe(berlin, sku, 3);
    const pk = await publishableKey();
    const unpaid = () =>
      client(pk).POST("/v1/checkouts", {
        params: { header: { "idempotency-key": key("unpaid") } },
        body: { email: "late@example.com", currency: "EUR", lines: [{ sku, quantity: 3 }], shipping_address: shipTo("berlin") },
      });

    // Released: a cancelled order's units go back on its stripe.
    const first = await unpaid();
    expect(first.response.status).toBe(201);
    const holdId = await holdOf(first.data!.id);
    const k = stripeOfHold(holdId);
    expect((await cells(berlin, sku, 3))[k]).toMatchObject({ held: 3, available: 1 });
    const cancelled = await admin().POST("/v1/orders/{id}/cancel", { params: { path: { id: first.data!.id } }, body: { reason: "changed my mind" } });
    expect(cancelled.response.status).toBe(200);
    expect((await cells(berlin, sku, 3))[k]).toMatchObject({ held: 0, available: 4 });

    // Expired: the stripe's own alarm gives the units back there.
    const second = await unpaid();
    const held = await holdOf(second.data!.id);
    const cell = stripeCellOf(env, sku, berlin, stripeOfHold(held));
    expect((await cell.snapshot()).held).toBe(3);
    await runInDurableObject(cell, (instance, state) => {
      const later = instance as unknown as { expireDue(at: number): number };
      state.storage.transactionSync(() => later.expireDue(Date.now() + 3_600_000));
    });
    expect(await cell.snapshot()).toMatchObject({ held: 0, available: 4 });
    expect((await stripes(berlin, sku)).level).toMatchObject({ on_hand: 12, held: 0, available: 12 });
  });
});
