// A receive whose worker died between D1 and the cells, or whose write D1 refused: the recovery path
// (src/stock-changes) finishes what was written, exactly once, and nothing that was not.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { receiveReturn } from "../../src/returns-receiving/receive";
import { decideInspection } from "../../src/returns-receiving/inspect";
import { onReturnReceived, type ReceivedUnits } from "../../src/returns-receiving/hooks";
import type { Env } from "../../src/env";
import { driveChanges } from "../../src/stock-changes/drive";
import { downAfter, refusing } from "../stock-changes/faults";
import { admin } from "../helpers/client";
import { expectAuditsClean, level, openReturn, path, returnEntries, returnLine } from "./world";

const LEASE_OVER = 61_000;

/**
 * A D1 whose first batch carrying a statement matching `pattern` waits at a gate: the request has read and checked
 * everything and is about to write when someone else writes first.
 */
function pausedBefore(pattern: RegExp) {
  let armed = false;
  let release!: () => void;
  let reached!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const atGate = new Promise<void>((r) => (reached = r));
  const DB = new Proxy(env.DB, {
    get(t, p) {
      if (p === "prepare")
        return (text: string) => {
          if (pattern.test(text)) armed = true;
          return t.prepare(text);
        };
      if (p === "batch")
        return async (statements: D1PreparedStatement[]) => {
          if (armed) {
            armed = false;
            reached();
            await gate;
          }
          return t.batch(statements);
        };
      const v = Reflect.get(t, p);
      return typeof v === "function" ? v.bind(t) : v;
    },
  });
  return { env: { ...(env as never as Env), DB }, atGate, release };
}
const restock = (return_line_id: string, quantity = 1) => ({ lines: [{ return_line_id, quantity, disposition: "restock" as const }] });

const heard: { returnId: string; receiptId: string; received: ReceivedUnits[] }[] = [];
onReturnReceived(async (_env, ret, received, receipt) => void heard.push({ returnId: ret.row.id, receiptId: receipt.id, received }));

describe("receiving, raced", () => {
  it("a receipt that checked first but writes second is refused by its own write: the last unit counts once", async () => {
    const { ret, returnLineId, loc, sku } = await openReturn(1);
    const slow = pausedBefore(/INSERT INTO return_receipts/);
    const late = receiveReturn(slow.env, ret.id, restock(returnLineId), { actor: "late" });
    await slow.atGate;
    await receiveReturn(env as never, ret.id, { lines: [{ return_line_id: returnLineId, quantity: 1, disposition: "damaged" }] }, { actor: "first" });
    slow.release();
    await expect(late).rejects.toMatchObject({ status: 409, code: "receive_exceeds_return" });
    expect(await returnLine(ret.id)).toMatchObject({ restocked: 0, damaged: 1 });
    expect(await level(loc, sku)).toMatchObject({ on_hand: 5, available: 5, damaged: 1 });
    const { results } = await env.DB.prepare("SELECT actor FROM return_receipts WHERE return_id = ?").bind(ret.id).all();
    expect(results).toEqual([{ actor: "first" }]);
    await expectAuditsClean();
  });

  it("a receipt racing the return's close loses whole", async () => {
    const { ret, returnLineId, loc, sku } = await openReturn(2);
    const slow = pausedBefore(/INSERT INTO return_receipts/);
    const late = receiveReturn(slow.env, ret.id, restock(returnLineId), { actor: "late" });
    await slow.atGate;
    await admin().POST("/v1/returns/{id}/close", { ...path(ret.id), body: {} });
    slow.release();
    await expect(late).rejects.toMatchObject({ status: 409, code: "invalid_return_transition", extensions: { from: "closed" } });
    expect(await returnLine(ret.id)).toMatchObject({ restocked: 0, missing: 2 });
    expect(await level(loc, sku)).toMatchObject({ on_hand: 5 });
  });

  it("two decisions for the last unit held for inspection: the second to write is refused", async () => {
    const { ret, returnLineId, loc, sku } = await openReturn(1);
    await receiveReturn(env as never, ret.id, { lines: [{ return_line_id: returnLineId, quantity: 1, disposition: "inspect" }] }, { actor: "dock" });
    const slow = pausedBefore(/INSERT INTO return_receipts/);
    const late = decideInspection(slow.env, ret.id, restock(returnLineId), { actor: "late" });
    await slow.atGate;
    await decideInspection(env as never, ret.id, restock(returnLineId), { actor: "first" });
    slow.release();
    await expect(late).rejects.toMatchObject({ status: 409, code: "inspection_exceeds_held" });
    expect(await returnLine(ret.id)).toMatchObject({ inspecting: 0, restocked: 1 });
    expect(await returnEntries(loc, sku)).toHaveLength(1);
    expect(await level(loc, sku)).toMatchObject({ on_hand: 6 });
    await expectAuditsClean();
  });
});

describe("receiving, recovered", () => {
  it("dies between D1 and the cell: the sweep restocks the units once", async () => {
    const { ret, returnLineId, loc, sku } = await openReturn(2);
    const dead = downAfter(/INSERT INTO return_receipts/, { cellsToo: true });
    await expect(receiveReturn(dead, ret.id, restock(returnLineId, 2), { actor: "test", key: "scope:dies" })).rejects.toThrow();
    // D1 has it, the cell not yet.
    expect(await returnLine(ret.id)).toMatchObject({ restocked: 2 });
    expect(await level(loc, sku)).toMatchObject({ on_hand: 5 });
    const { results } = await env.DB.prepare("SELECT c.state FROM return_receipts r JOIN stock_changes c ON c.id = r.stock_change_id WHERE r.return_id = ?").bind(ret.id).all();
    expect(results).toEqual([{ state: "written" }]);

    // Within the lease the sweep leaves it to its request; after, it finishes it, and again changes nothing.
    expect(await driveChanges(env as never)).toMatchObject({ finished: 0 });
    expect(await driveChanges(env as never, Date.now() + LEASE_OVER)).toMatchObject({ finished: 1 });
    expect(await driveChanges(env as never, Date.now() + LEASE_OVER)).toMatchObject({ finished: 0 });
    expect(await level(loc, sku)).toMatchObject({ on_hand: 7, available: 7 });
    expect(await returnEntries(loc, sku)).toHaveLength(1);
    // The client retries with its key after the 5xx: answered as it stands, nothing twice.
    const again = await receiveReturn(env as never, ret.id, restock(returnLineId, 2), { actor: "test", key: "scope:dies" });
    expect(again.lines[0]).toMatchObject({ restocked: 2 });
    expect(await returnEntries(loc, sku)).toHaveLength(1);
    expect(await level(loc, sku)).toMatchObject({ on_hand: 7 });
    await expectAuditsClean();
  });

  it("dies between D1 and the cell: the retry with the same key finishes it, and the sweep finds nothing left", async () => {
    const { ret, returnLineId, loc, sku } = await openReturn(3);
    heard.length = 0;
    const dead = downAfter(/INSERT INTO return_receipts/, { cellsToo: true });
    const input = { lines: [{ return_line_id: returnLineId, quantity: 1, disposition: "damaged" as const }, { return_line_id: returnLineId, quantity: 1, disposition: "restock" as const }] };
    await expect(receiveReturn(dead, ret.id, input, { actor: "test", key: "scope:retry" })).rejects.toThrow();
    expect(heard).toEqual([]);
    const again = await receiveReturn(env as never, ret.id, input, { actor: "test", key: "scope:retry" });
    expect(again.lines[0]).toMatchObject({ restocked: 1, damaged: 1, inspecting: 0 });
    expect(await level(loc, sku)).toMatchObject({ on_hand: 6, damaged: 1, available: 6 });
    // The hook heard of the receipt once it was on the cells.
    expect(heard).toEqual([{ returnId: ret.id, receiptId: expect.stringMatching(/^rcv_/), received: input.lines }]);
    expect(await driveChanges(env as never, Date.now() + LEASE_OVER)).toMatchObject({ finished: 0 });
    expect(await returnEntries(loc, sku)).toHaveLength(2);
    await expectAuditsClean();
  });

  it("D1 refuses the write: nothing is counted, nothing reaches the cell, and the retry receives", async () => {
    const { ret, returnLineId, loc, sku } = await openReturn(1);
    await expect(receiveReturn(refusing(/INSERT INTO return_receipts/), ret.id, restock(returnLineId), { actor: "test", key: "scope:refused" })).rejects.toThrow();
    expect(await returnLine(ret.id)).toMatchObject({ restocked: 0 });
    expect(await level(loc, sku)).toMatchObject({ on_hand: 5 });
    await receiveReturn(env as never, ret.id, restock(returnLineId), { actor: "test", key: "scope:refused" });
    expect(await level(loc, sku)).toMatchObject({ on_hand: 6 });
    expect(await returnEntries(loc, sku)).toHaveLength(1);
    await expectAuditsClean();
  });

  it("an inspection decided and then the worker dies: the sweep restocks it once", async () => {
    const { ret, returnLineId, loc, sku } = await openReturn(1);
    await receiveReturn(env as never, ret.id, { lines: [{ return_line_id: returnLineId, quantity: 1, disposition: "inspect" }] }, { actor: "test" });
    const dead = downAfter(/INSERT INTO return_receipts/, { cellsToo: true });
    await expect(decideInspection(dead, ret.id, restock(returnLineId), { actor: "test" })).rejects.toThrow();
    expect(await returnLine(ret.id)).toMatchObject({ inspecting: 0, restocked: 1 });
    expect(await driveChanges(env as never, Date.now() + LEASE_OVER)).toMatchObject({ finished: 1 });
    expect(await level(loc, sku)).toMatchObject({ on_hand: 6 });
    expect(await returnEntries(loc, sku)).toHaveLength(1);
    await expectAuditsClean();
  });
});
