// Writes allocations (and the fulfillment lines that mirror them) after a change took units off them or moved them to
// replacement holds. Fulfillments not yet shipped follow, so nothing ships that was cancelled.
import { type Sql, sql } from "../db/sql";
import { updateFulfillment } from "../fulfillment/store";
import { fulfillmentLineIdOf, type OrderForChange } from "./load";

const LIVE = new Set(["pending", "picking", "packed"]);

export interface Rewrite {
  statements: Sql[];
  /** Fulfillments left without units: the caller cancels them once the change is written. */
  emptied: string[];
}

export function rewriteAllocations(c: OrderForChange, next: Map<string, number>, replacedBy: Map<string, string>): Rewrite {
  const statements: Sql[] = [];
  const touched = new Set<string>();
  const unitsLeft = new Map<string, number>();
  for (const a of c.allocs) {
    const qty = next.get(a.id) ?? a.quantity;
    const holdId = replacedBy.get(a.holdId) ?? a.holdId;
    const f = c.fulfillmentOf.get(a.id);
    const live = f !== undefined && LIVE.has(a.stage);
    if (live) unitsLeft.set(f, (unitsLeft.get(f) ?? 0) + qty);
    if (qty === a.quantity && holdId === a.holdId) continue;
    if (qty === 0) statements.push(sql("DELETE FROM allocations WHERE id = ?", a.id));
    else statements.push(sql("UPDATE allocations SET quantity = ?, hold_id = ? WHERE id = ?", qty, holdId, a.id));
    // A shipment already cancelled keeps its lines as the record of what it was.
    if (!live) continue;
    touched.add(f);
    const line = fulfillmentLineIdOf(a.id);
    if (qty === 0) statements.push(sql("DELETE FROM fulfillment_lines WHERE id = ?", line));
    else statements.push(sql("UPDATE fulfillment_lines SET quantity = ?, hold_id = ? WHERE id = ?", qty, holdId, line));
  }
  // Its version moves, so a pack or ship racing this change fails instead of shipping what was cancelled.
  for (const f of c.fulfillments) if (touched.has(f.id)) statements.push(updateFulfillment(f.id, f.version, {}));
  return { statements, emptied: [...touched].filter((f) => unitsLeft.get(f) === 0) };
}
