// Units of a return arrive at a location: per line and quantity, restocked (back on sale there), damaged (kept apart)
// or held for inspection. Received = restocked + damaged + inspecting never exceeds what the return approved; the
// statement that counts the units checks it (receipt.ts), so a retried or raced receive changes the ledger once.
import { insert, type Sql, sql } from "../db/sql";
import type { Env } from "../env";
import { outboxSql } from "../events/emit";
import { conflict, unprocessable } from "../http/problem";
import { timelineEvent } from "../orders/timeline";
import { type LoadedReturn, presentReturn, requireReturn } from "../returns/store";
import type { ReturnView } from "../returns/schemas";
import { returnReceived } from "./hooks";
import {
  againReceipt,
  checkLocation,
  countLines,
  eventLines,
  type LineCount,
  notOpen,
  type ReceiptLine,
  receiptIdOf,
  receiptOf,
  unknownLines,
  writeReceipt,
} from "./receipt";
import type { ReceiveRequest } from "./schemas";

export interface ReceiveOptions {
  actor: string;
  /**
   * Names this receive for retries (an Idempotency-Key's scope, a channel refund's id): the same key again answers
   * the return as it stands and never receives the units twice.
   */
  key?: string;
}

export async function receiveReturn(env: Env, returnId: string, input: ReceiveRequest, opts: ReceiveOptions): Promise<ReturnView> {
  const ret = await requireReturn(env.DB, returnId);
  const at = Date.now();
  const id = await receiptIdOf(returnId, "receive", opts.key, at);
  const lines: ReceiptLine[] = input.lines.map((l) => ({ return_line_id: l.return_line_id, quantity: l.quantity, disposition: l.disposition }));
  if (opts.key) {
    const seen = await receiptOf(env.DB, id);
    if (seen) return again(env, ret, seen, lines);
  }
  if (ret.row.status !== "open") throw notOpen(ret.row.status, "receive");
  const unknown = unknownLines(ret, lines);
  if (unknown.length) throw unprocessable("receipt_not_possible", "Some lines are not this return's.", { errors: unknown });
  const locationId = await checkLocation(env.DB, input.location_id ?? ret.row.location_id);
  const counts = countLines(ret, lines);
  const over = counts.filter((c) => received(c) > leftOf(c.line));
  if (over.length)
    throw conflict("receive_exceeds_return", "More units than are left to receive on some lines.", {
      errors: over.map((c) => ({ field: `body.lines.${lines.findIndex((l) => l.return_line_id === c.line.id)}.quantity`, message: `At most ${leftOf(c.line)} more unit(s) of this line can be received` })),
    });

  const data = { return_id: ret.row.id, rma: ret.row.rma, receipt_id: id, location_id: locationId, lines: eventLines(counts, lines) };
  const outcome = await writeReceipt(
    env,
    {
      kind: "receive",
      id,
      ret,
      locationId,
      lines,
      counts,
      note: input.note ?? null,
      actor: opts.actor,
      countSql: counts.map((c) => countSql(ret.row.id, c)),
      short: { is: isOverReceipt, problem: () => conflict("receive_exceeds_return", "Another receipt took the last units of these lines first; read the return again.") },
      eventsSql: [
        insert("order_events", timelineEvent(ret.row.order_id, "return.received", opts.actor, at, { ...data, ...(input.note ? { note: input.note } : {}) })),
        outboxSql("return.received", { ...data, order_id: ret.row.order_id, number: ret.orderNumber }, ret.row.order_id, at),
      ],
    },
    at,
  );
  if (outcome === "seen") return again(env, await requireReturn(env.DB, returnId), (await receiptOf(env.DB, id))!, lines);
  const after = await requireReturn(env.DB, returnId);
  await returnReceived(env, after, lines, { id, location_id: locationId });
  return presentReturn(after);
}

/** The same receive again: finished if its first try was not, its hooks run again (they are idempotent by receipt). */
async function again(env: Env, ret: LoadedReturn, seen: NonNullable<Awaited<ReturnType<typeof receiptOf>>>, lines: ReceiptLine[]): Promise<ReturnView> {
  const first = await againReceipt(env, ret, seen, lines);
  await returnReceived(env, ret, first, { id: seen.id, location_id: seen.location_id });
  return presentReturn(ret);
}

const received = (c: LineCount) => c.restock + c.damaged + c.inspect;
const leftOf = (l: LoadedReturn["lines"][number]) => l.quantity - l.restocked - l.damaged - l.inspecting - l.missing;

/**
 * Counts the units on their line, failing the batch (NOT NULL on restocked) when the line has fewer units left to
 * receive at the moment it runs. The table's CHECK (received + missing ≤ quantity) stands behind it.
 */
function countSql(returnId: string, c: LineCount): Sql {
  return sql(
    `UPDATE return_lines SET
       restocked = CASE WHEN restocked + damaged + inspecting + missing + ?3 <= quantity THEN restocked + ?4 ELSE NULL END,
       damaged = damaged + ?5, inspecting = inspecting + ?6
     WHERE id = ?1 AND return_id = ?2`,
    c.line.id,
    returnId,
    received(c),
    c.restock,
    c.damaged,
    c.inspect,
  );
}

const isOverReceipt = (err: unknown) => /NOT NULL constraint failed: return_lines\.restocked|CHECK constraint failed/.test(String(err));
