// Units held for inspection are decided: restocked (back on sale) or damaged (kept apart). The statement that moves
// them checks that that many are still held (receipt.ts), so two decisions for the last unit cannot both land and a
// unit is restocked once.
import { insert, type Sql, sql } from "../db/sql";
import type { Env } from "../env";
import { conflict, unprocessable } from "../http/problem";
import { timelineEvent } from "../orders/timeline";
import { presentReturn, requireReturn } from "../returns/store";
import type { ReturnView } from "../returns/schemas";
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
import type { ReceiveOptions } from "./receive";
import type { InspectionRequest } from "./schemas";

export async function decideInspection(env: Env, returnId: string, input: InspectionRequest, opts: ReceiveOptions): Promise<ReturnView> {
  const ret = await requireReturn(env.DB, returnId);
  const at = Date.now();
  const id = await receiptIdOf(returnId, "inspection", opts.key, at);
  const lines: ReceiptLine[] = input.lines.map((l) => ({ return_line_id: l.return_line_id, quantity: l.quantity, disposition: l.disposition }));
  if (opts.key) {
    const seen = await receiptOf(env.DB, id);
    if (seen) return again(env, returnId, seen, lines);
  }
  if (ret.row.status !== "open") throw notOpen(ret.row.status, "inspection");
  const unknown = unknownLines(ret, lines);
  if (unknown.length) throw unprocessable("receipt_not_possible", "Some lines are not this return's.", { errors: unknown });
  const locationId = await checkLocation(env.DB, input.location_id ?? (await lastArrival(env.DB, returnId)) ?? ret.row.location_id);
  const counts = countLines(ret, lines);
  const over = counts.filter((c) => decided(c) > c.line.inspecting);
  if (over.length)
    throw conflict("inspection_exceeds_held", "More units than are held for inspection on some lines.", {
      errors: over.map((c) => ({ field: `body.lines.${lines.findIndex((l) => l.return_line_id === c.line.id)}.quantity`, message: `${c.line.inspecting} unit(s) of this line are held for inspection` })),
    });

  const outcome = await writeReceipt(
    env,
    {
      kind: "inspection",
      id,
      ret,
      locationId,
      lines,
      counts,
      note: input.note ?? null,
      actor: opts.actor,
      countSql: counts.map((c) => decideSql(ret.row.id, c)),
      short: { is: isOverDecided, problem: () => conflict("inspection_exceeds_held", "These units were decided by someone else first; read the return again.") },
      // No outbox event: the units were announced as received when they arrived.
      eventsSql: [
        insert(
          "order_events",
          timelineEvent(ret.row.order_id, "return.inspected", opts.actor, at, {
            return_id: ret.row.id,
            rma: ret.row.rma,
            receipt_id: id,
            location_id: locationId,
            lines: eventLines(counts, lines),
            ...(input.note ? { note: input.note } : {}),
          }),
        ),
      ],
    },
    at,
  );
  if (outcome === "seen") return again(env, returnId, (await receiptOf(env.DB, id))!, lines);
  return presentReturn(await requireReturn(env.DB, returnId));
}

/** The same decision again: finished on the cells if its first try was not (D1 holds it already). */
async function again(env: Env, returnId: string, seen: NonNullable<Awaited<ReturnType<typeof receiptOf>>>, lines: ReceiptLine[]) {
  const ret = await requireReturn(env.DB, returnId);
  await againReceipt(env, ret, seen, lines);
  return presentReturn(ret);
}

/** Where this return's units last arrived: units held for inspection are there. */
const lastArrival = async (db: D1Database, returnId: string) =>
  (await db.prepare("SELECT location_id FROM return_receipts WHERE return_id = ? AND kind = 'receive' ORDER BY created_at DESC, rowid DESC LIMIT 1").bind(returnId).first<{ location_id: string }>())
    ?.location_id;

const decided = (c: LineCount) => c.restock + c.damaged;

/** Moves units out of inspection, failing the batch (NOT NULL on inspecting) when fewer are held when it runs. */
function decideSql(returnId: string, c: LineCount): Sql {
  return sql(
    `UPDATE return_lines SET inspecting = CASE WHEN inspecting >= ?3 THEN inspecting - ?3 ELSE NULL END, restocked = restocked + ?4, damaged = damaged + ?5
     WHERE id = ?1 AND return_id = ?2`,
    c.line.id,
    returnId,
    decided(c),
    c.restock,
    c.damaged,
  );
}

const isOverDecided = (err: unknown) => String(err).includes("NOT NULL constraint failed: return_lines.inspecting");
