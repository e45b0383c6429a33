// The InventoryCell on its own: invariants, idempotency, expiry, durability.
import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { cellOf } from "../../src/inventory/cells";
import type { InventoryCell } from "../../src/inventory/cell";

let n = 0;
const fresh = () => {
  const id = { sku: `SKU-${++n}`, locationId: "loc_test" };
  return { id, cell: cellOf(env, id.sku, id.locationId) };
};
const receive = (cell: DurableObjectStub<InventoryCell>, id: { sku: string; locationId: string }, qty: number, key = `r-${Math.random()}`) =>
  cell.move(id, { key, kind: "receive", qty, reason: "purchase_order" });

/** The ledger explains every unit: its deltas add up to the cell's figures. */
async function expectLedgerBalances(cell: DurableObjectStub<InventoryCell>) {
  const s = await cell.snapshot();
  const entries = await cell.ledger(0, 500);
  const sum = (f: (e: (typeof entries)[number]) => number) => entries.reduce((t, e) => t + f(e), 0);
  expect(sum((e) => e.onHandDelta)).toBe(s.onHand);
  expect(sum((e) => e.heldDelta)).toBe(s.held);
  expect(sum((e) => e.committedDelta)).toBe(s.committed);
  const holds = await cell.holds(500);
  expect(holds.filter((h) => h.state === "held").reduce((t, h) => t + h.qty, 0)).toBe(s.held);
  expect(holds.filter((h) => h.state === "committed").reduce((t, h) => t + h.qty, 0)).toBe(s.committed);
  expect(s.onHand).toBeGreaterThanOrEqual(0);
  return s;
}

describe("InventoryCell", () => {
  it("moves a unit through reserve → commit → fulfill, with a ledger entry for each step", async () => {
    const { id, cell } = fresh();
    await receive(cell, id, 10);
    const r = await cell.reserve(id, { holdId: "h1", ref: "ord_1", qty: 3, ttlMs: 60_000 });
    expect(r).toMatchObject({ ok: true, snapshot: { onHand: 10, held: 3, available: 7 } });
    expect((await cell.commit("h1")).snapshot).toMatchObject({ held: 0, committed: 3, available: 7 });
    expect((await cell.fulfill("h1")).snapshot).toMatchObject({ onHand: 7, committed: 0, available: 7 });
    expect((await cell.ledger()).map((e) => e.op)).toEqual(["receive", "reserve", "commit", "fulfill"]);
    await expectLedgerBalances(cell);
  });

  it("refuses a reservation larger than what is available, and never goes below zero", async () => {
    const { id, cell } = fresh();
    await receive(cell, id, 2);
    const r = await cell.reserve(id, { holdId: "big", ref: "ord", qty: 3, ttlMs: 60_000 });
    expect(r).toMatchObject({ ok: false, reason: "insufficient_stock", snapshot: { available: 2 } });
    expect((await cell.snapshot()).held).toBe(0);
  });

  it("keeps safety stock out of reach", async () => {
    const { id, cell } = fresh();
    await receive(cell, id, 5);
    await cell.configure(id, { safetyStock: 4 });
    expect((await cell.reserve(id, { holdId: "a", ref: "o", qty: 2, ttlMs: 1000 })).ok).toBe(false);
    expect((await cell.reserve(id, { holdId: "b", ref: "o", qty: 1, ttlMs: 1000 })).ok).toBe(true);
  });

  it("allows backorders down to the limit", async () => {
    const { id, cell } = fresh();
    await cell.configure(id, { allowBackorder: true, backorderLimit: 5 });
    expect((await cell.reserve(id, { holdId: "a", ref: "o", qty: 5, ttlMs: 1000 })).snapshot.available).toBe(-5);
    expect((await cell.reserve(id, { holdId: "b", ref: "o", qty: 1, ttlMs: 1000 })).ok).toBe(false);
  });

  it("serializes 100 concurrent reservations against 37 units: exactly 37 succeed", async () => {
    const { id, cell } = fresh();
    await receive(cell, id, 37);
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => cell.reserve(id, { holdId: `c${i}`, ref: `o${i}`, qty: 1, ttlMs: 60_000 })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(37);
    const s = await expectLedgerBalances(cell);
    expect(s).toMatchObject({ held: 37, available: 0 });
  });

  it("treats every operation as idempotent by its key", async () => {
    const { id, cell } = fresh();
    const first = await receive(cell, id, 4, "po-1");
    const again = await receive(cell, id, 4, "po-1");
    expect(again).toMatchObject({ ok: true, replayed: true });
    expect(again.ok && first.ok && again.entry.seq).toBe(first.ok && first.entry.seq);
    expect(await cell.move(id, { key: "po-1", kind: "receive", qty: 5, reason: "purchase_order" })).toMatchObject({ ok: false, reason: "key_reused" });

    await cell.reserve(id, { holdId: "h", ref: "o", qty: 2, ttlMs: 60_000 });
    await cell.reserve(id, { holdId: "h", ref: "o", qty: 2, ttlMs: 60_000 });
    await cell.commit("h");
    await cell.commit("h");
    await cell.release("h", "cancelled");
    await cell.release("h", "cancelled");
    const s = await expectLedgerBalances(cell);
    expect(s).toMatchObject({ onHand: 4, held: 0, committed: 0, available: 4 });
    expect((await cell.ledger()).map((e) => e.op)).toEqual(["receive", "reserve", "commit", "release"]);
  });

  it("does not let a late reservation resurrect a hold that was already released", async () => {
    const { id, cell } = fresh();
    await receive(cell, id, 3);
    expect((await cell.release("never-seen", "checkout failed")).ok).toBe(true);
    expect(await cell.reserve(id, { holdId: "never-seen", ref: "o", qty: 1, ttlMs: 1000 })).toMatchObject({ ok: false, reason: "hold_not_active" });
    expect((await cell.snapshot()).held).toBe(0);
  });

  it("refuses an adjustment that would take promised units, but records any count", async () => {
    const { id, cell } = fresh();
    await receive(cell, id, 5);
    await cell.reserve(id, { holdId: "h", ref: "o", qty: 4, ttlMs: 60_000 });
    expect(await cell.move(id, { key: "a1", kind: "adjust", qty: -2, reason: "damaged" })).toMatchObject({ ok: false, reason: "stock_reserved" });
    expect(await cell.move(id, { key: "a2", kind: "adjust", qty: -6, reason: "damaged" })).toMatchObject({ ok: false, reason: "negative_on_hand" });
    const counted = await cell.move(id, { key: "c1", kind: "count", qty: 3, reason: "cycle_count" });
    expect(counted).toMatchObject({ ok: true, entry: { op: "count", onHandDelta: -2 }, snapshot: { onHand: 3, available: -1 } });
    await expectLedgerBalances(cell);
  });

  it("releases expired holds when its alarm fires, and running the alarm twice changes nothing more", async () => {
    const { id, cell } = fresh();
    await receive(cell, id, 5);
    // A zero TTL is due at once: no sleeping, the alarm is fired by hand.
    await cell.reserve(id, { holdId: "short", ref: "o1", qty: 2, ttlMs: 0 });
    await cell.reserve(id, { holdId: "long", ref: "o2", qty: 1, ttlMs: 3_600_000 });
    await runDurableObjectAlarm(cell);
    const afterFirst = await expectLedgerBalances(cell);
    expect(afterFirst).toMatchObject({ held: 1, available: 4 });
    await runInDurableObject(cell, (instance) => (instance as InventoryCell).alarm());
    expect(await expectLedgerBalances(cell)).toEqual(afterFirst);
    expect((await cell.holds()).find((h) => h.id === "short")!.state).toBe("expired");
    expect((await cell.commit("short")).ok).toBe(false);
    // The long hold keeps the alarm armed.
    expect(await runInDurableObject(cell, (_, state) => state.storage.getAlarm())).toBeGreaterThan(Date.now());
  });

  it("settles holds committed at checkout: keeps those an order names, gives back those no order took", async () => {
    const { id, cell } = fresh();
    await receive(cell, id, 5);
    await cell.reserve(id, { holdId: "paid", ref: "ord_paid", qty: 2, ttlMs: 60_000, commit: true });
    await cell.reserve(id, { holdId: "orphan", ref: "ord_never_written", qty: 1, ttlMs: 60_000, commit: true });
    expect(await cell.snapshot()).toMatchObject({ committed: 3, available: 2 });
    // Ten minutes later, without waiting ten minutes: the confirmation windows are closed by hand.
    await runInDurableObject(cell, (_, state) => void state.storage.sql.exec("UPDATE holds SET expires_at = 0 WHERE state = 'committed'"));
    // The checkout of "paid" wrote its order; the one of "orphan" died before its order batch.
    await env.DB.prepare("INSERT INTO allocations (id, order_id, line_id, sku, location_id, quantity, hold_id) VALUES ('a1', 'ord_paid', 'l1', ?, ?, 2, 'paid')")
      .bind(id.sku, id.locationId)
      .run();
    await runDurableObjectAlarm(cell);
    const s = await expectLedgerBalances(cell);
    expect(s).toMatchObject({ committed: 2, available: 3 });
    const holds = await cell.holds();
    expect(holds.find((h) => h.id === "paid")).toMatchObject({ state: "committed", expiresAt: null });
    expect(holds.find((h) => h.id === "orphan")).toMatchObject({ state: "released" });
    await runInDurableObject(cell, (instance) => (instance as InventoryCell).alarm());
    expect(await cell.snapshot()).toMatchObject({ committed: 2, available: 3 });
  });

  it("keeps its stock, holds and ledger when its instance is thrown away", async () => {
    const { id, cell } = fresh();
    await receive(cell, id, 8);
    await cell.reserve(id, { holdId: "h", ref: "o", qty: 3, ttlMs: 60_000 });
    await cell.commit("h");
    await abortAllDurableObjects();
    const revived = cellOf(env, id.sku, id.locationId);
    const s = await expectLedgerBalances(revived);
    expect(s).toMatchObject({ sku: id.sku, onHand: 8, committed: 3, available: 5 });
    expect((await revived.reserve(id, { holdId: "h", ref: "o", qty: 3, ttlMs: 60_000 })).hold?.state).toBe("committed");
  });

  it("publishes its figures to the D1 read model, never moving it backwards", async () => {
    const { id, cell } = fresh();
    await receive(cell, id, 6);
    await cell.reserve(id, { holdId: "h", ref: "o", qty: 2, ttlMs: 60_000 });
    const read = () => env.DB.prepare("SELECT * FROM inventory_levels WHERE sku = ?").bind(id.sku).first<{ available: number; version: number }>();
    await expect.poll(read).toMatchObject({ available: 4 });
    const { writeProjection } = await import("../../src/inventory/projection");
    const stale = { ...(await cell.snapshot()), available: 999, version: 1 };
    await writeProjection(env.DB, [stale]);
    expect((await read())!.available).toBe(4);
  });
});
