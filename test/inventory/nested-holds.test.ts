// Holds reserved within another: how an order change keeps fewer units without racing anyone for them, and can be
// undone or finished in any order. Also: shipping more than a count found, and a cell whose alarm keeps failing.
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { InventoryCell } from "../../src/inventory/cell";
import { cellOf } from "../../src/inventory/cells";

let n = 0;
const fresh = async (onHand: number) => {
  const id = { sku: `NEST-${++n}`, locationId: "loc_nest" };
  const cell = cellOf(env, id.sku, id.locationId);
  if (onHand) await cell.move(id, { key: `in-${n}`, kind: "receive", qty: onHand, reason: "purchase_order" });
  return { id, cell };
};

/** Figures = ledger sums = the units of holds that stand on their own (a nested hold takes nothing while its parent is active). */
async function expectBalanced(cell: DurableObjectStub<InventoryCell>) {
  const s = await cell.snapshot();
  const entries = await cell.ledger(0, 500);
  const sum = (f: (e: (typeof entries)[number]) => number) => entries.reduce((t, e) => t + f(e), 0);
  expect([sum((e) => e.onHandDelta), sum((e) => e.heldDelta), sum((e) => e.committedDelta)]).toEqual([s.onHand, s.held, s.committed]);
  const holds = await cell.holds(500);
  const active = (state: string) => state === "held" || state === "committed";
  const standing = holds.filter((h) => active(h.state) && !(h.parentId && active(holds.find((p) => p.id === h.parentId)!.state)));
  expect(standing.filter((h) => h.state === "held").reduce((t, h) => t + h.qty, 0)).toBe(s.held);
  expect(standing.filter((h) => h.state === "committed").reduce((t, h) => t + h.qty, 0)).toBe(s.committed);
  return s;
}

describe("holds within holds", () => {
  it("keeps fewer units with no spare stock at all, and gives back the rest once the old hold ends", async () => {
    const { id, cell } = await fresh(5);
    await cell.reserve(id, { holdId: "old", ref: "ord_1", qty: 5, ttlMs: 60_000, commit: true });
    const inner = await cell.reserve(id, { holdId: "new", ref: "ord_1", qty: 2, ttlMs: 60_000, within: "old" });
    expect(inner).toMatchObject({ ok: true, hold: { state: "committed", parentId: "old", qty: 2 }, snapshot: { committed: 5, available: 0 } });
    const after = await cell.release("old", "order changed");
    expect(after.snapshot).toMatchObject({ committed: 2, available: 3 });
    expect((await cell.holds()).find((h) => h.id === "new")).toMatchObject({ state: "committed", parentId: null, qty: 2 });
    await expectBalanced(cell);
  });

  it("undoes cleanly: releasing the inner hold while the old one stands changes no figure", async () => {
    const { id, cell } = await fresh(5);
    await cell.reserve(id, { holdId: "old", ref: "ord", qty: 4, ttlMs: 60_000 });
    await cell.reserve(id, { holdId: "new", ref: "ord", qty: 3, ttlMs: 60_000, within: "old" });
    expect((await cell.release("new", "change abandoned")).snapshot).toMatchObject({ held: 4, available: 1 });
    await expectBalanced(cell);
  });

  it("refuses a second change claiming the same units (hold_busy)", async () => {
    const { id, cell } = await fresh(5);
    await cell.reserve(id, { holdId: "old", ref: "ord", qty: 4, ttlMs: 60_000 });
    expect((await cell.reserve(id, { holdId: "a", ref: "ord", qty: 3, ttlMs: 60_000, within: "old" })).ok).toBe(true);
    expect(await cell.reserve(id, { holdId: "b", ref: "ord", qty: 2, ttlMs: 60_000, within: "old" })).toMatchObject({ ok: false, reason: "hold_busy" });
  });

  it("commits the holds within a hold when the order is paid, so nothing of a paid order expires", async () => {
    const { id, cell } = await fresh(5);
    await cell.reserve(id, { holdId: "old", ref: "ord", qty: 4, ttlMs: 60_000 });
    await cell.reserve(id, { holdId: "new", ref: "ord", qty: 1, ttlMs: 60_000, within: "old" });
    await cell.commit("old");
    await cell.release("old", "order changed");
    expect((await cell.holds()).find((h) => h.id === "new")).toMatchObject({ state: "committed", expiresAt: null });
    expect(await expectBalanced(cell)).toMatchObject({ held: 0, committed: 1, available: 4 });
  });

  it("ships a hold within another by taking its units out of the old one first", async () => {
    const { id, cell } = await fresh(6);
    await cell.reserve(id, { holdId: "old", ref: "ord", qty: 6, ttlMs: 60_000, commit: true });
    await cell.reserve(id, { holdId: "new", ref: "ord", qty: 4, ttlMs: 60_000, within: "old" });
    expect((await cell.fulfill("new")).snapshot).toMatchObject({ onHand: 2, committed: 2 });
    expect((await cell.release("old", "order changed")).snapshot).toMatchObject({ onHand: 2, committed: 0, available: 2 });
    await expectBalanced(cell);
  });

  it("ships an old hold whole and ends the holds within it (their change can no longer land)", async () => {
    const { id, cell } = await fresh(9);
    await cell.reserve(id, { holdId: "old", ref: "ord", qty: 9, ttlMs: 60_000, commit: true });
    await cell.reserve(id, { holdId: "new", ref: "ord", qty: 4, ttlMs: 60_000, within: "old" });
    expect((await cell.fulfill("old")).snapshot).toMatchObject({ onHand: 0, committed: 0 });
    expect((await cell.holds()).find((h) => h.id === "new")).toMatchObject({ state: "released" });
    expect((await cell.release("new", "change abandoned")).snapshot).toMatchObject({ onHand: 0, committed: 0 });
    await expectBalanced(cell);
  });

  it("expires a hold and the holds within it together", async () => {
    const { id, cell } = await fresh(3);
    await cell.reserve(id, { holdId: "old", ref: "ord", qty: 3, ttlMs: 100 });
    expect(await cell.reserve(id, { holdId: "new", ref: "ord", qty: 1, ttlMs: 60_000, within: "old" })).toMatchObject({ hold: { parentId: "old" } });
    await new Promise((r) => setTimeout(r, 120)); // the old hold's time is over; expiry runs on the next call
    await cell.release("nothing", "probe");
    expect(await expectBalanced(cell)).toMatchObject({ held: 0, available: 3 });
  });

  it("is an ordinary reservation when the old hold is no longer active", async () => {
    const { id, cell } = await fresh(2);
    await cell.reserve(id, { holdId: "old", ref: "ord", qty: 2, ttlMs: 60_000 });
    await cell.release("old", "gone");
    expect(await cell.reserve(id, { holdId: "new", ref: "ord", qty: 1, ttlMs: 60_000, within: "old" })).toMatchObject({ ok: true, hold: { parentId: null }, snapshot: { held: 1 } });
  });
});

describe("shipping and alarms at the edges", () => {
  it("ships a parcel a count said was not there: on-hand goes to zero, never below, and the ledger says why", async () => {
    const { id, cell } = await fresh(5);
    await cell.reserve(id, { holdId: "h", ref: "ord", qty: 4, ttlMs: 60_000, commit: true });
    await cell.move(id, { key: `count-${n}`, kind: "count", qty: 2, reason: "cycle_count" });
    const shipped = await cell.fulfill("h");
    expect(shipped).toMatchObject({ ok: true, snapshot: { onHand: 0, committed: 0 } });
    expect((await cell.ledger(0, 50)).at(-1)?.reason).toContain("2 were on hand");
    await expectBalanced(cell);
  });

  it("keeps waking itself when its alarm fails, instead of running out of the runtime's retries", async () => {
    const { id, cell } = await fresh(3);
    // A paid hold's window closes at once, and D1 cannot be asked: the alarm fails.
    await cell.reserve(id, { holdId: "paid", ref: "ord", qty: 1, ttlMs: 60_000, commit: true });
    await runInDurableObject(cell, (_, state) => void state.storage.sql.exec("UPDATE holds SET expires_at = 1"));
    await env.DB.exec("ALTER TABLE allocations RENAME TO allocations_away");
    try {
      await runDurableObjectAlarm(cell);
      const next = await runInDurableObject(cell, (_, state) => state.storage.getAlarm());
      expect(next).toBeGreaterThan(Date.now());
    } finally {
      await env.DB.exec("ALTER TABLE allocations_away RENAME TO allocations");
    }
    expect(await runDurableObjectAlarm(cell)).toBe(true);
    expect((await cell.holds()).find((h) => h.id === "paid")).toMatchObject({ state: "released" });
  });
});
