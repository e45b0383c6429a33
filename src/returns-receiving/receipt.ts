// One receipt of a return (units arrived, or units held for inspection decided), written the one way both are:
//   - one D1 batch counts the units on return_lines (each statement fails the batch when there are not that many left
//     to count, so two receipts of the last unit cannot both land), checks the return is still open, records the
//     receipt and, as a stock change (src/stock-changes), the cell operations that follow;
//   - then the cells take the units: restocked on hand (reason customer_return), damaged apart. Those operations are
//     keyed by the receipt, so finishing again (a retry, the sweep's driveChanges) never counts them twice.
// The receipt's id comes from the caller's key when there is one: the same receipt asked for again is refused by its
// primary key and answered as it stands, finishing what its first try may have left undone.
import { isUniqueViolation } from "../db/errors";
import { insert, prepareAll, type Sql, sql } from "../db/sql";
import { isStale } from "../db/versioned";
import { newId } from "../domain/ids";
import type { Env } from "../env";
import { sha256Hex } from "../http/crypto";
import { conflict, unprocessable } from "../http/problem";
import { StockChange } from "../stock-changes/change";
import { finishChangesOf } from "../stock-changes/drive";
import type { ReturnAfterward } from "../stock-changes/record";
import type { LoadedReturn, ReturnLineRow } from "../returns/store";
import { loadReturn } from "../returns/store";

export type ReceiptKind = "receive" | "inspection";

export interface ReceiptLine {
  return_line_id: string;
  quantity: number;
  disposition: "restock" | "damaged" | "inspect";
}

/** What one receipt does to one line of the return. */
export interface LineCount {
  line: ReturnLineRow;
  restock: number;
  damaged: number;
  inspect: number;
}

export interface ReceiptPlan {
  kind: ReceiptKind;
  id: string;
  ret: LoadedReturn;
  locationId: string;
  lines: ReceiptLine[];
  counts: LineCount[];
  note: string | null;
  actor: string;
  /** The statements that count the units on return_lines; each fails the batch when the units are not there to count. */
  countSql: Sql[];
  /** Whether a failed batch was refused by one of countSql, and the problem to answer then. */
  short: { is: (err: unknown) => boolean; problem: () => Error };
  /** Timeline and outbox, in the same batch. */
  eventsSql: Sql[];
}

/** The receipt's id: from the caller's key (a retry is the same receipt), else new. */
export async function receiptIdOf(returnId: string, kind: ReceiptKind, key: string | undefined, at: number): Promise<string> {
  if (!key) return newId("rcv", at);
  return `rcv_${(await sha256Hex([returnId, kind, key].join("\n"))).slice(0, 32)}`;
}

interface ReceiptRow {
  id: string;
  kind: ReceiptKind;
  location_id: string;
  lines: string;
}

export const receiptOf = (db: D1Database, id: string) =>
  db.prepare("SELECT id, kind, location_id, lines FROM return_receipts WHERE id = ?").bind(id).first<ReceiptRow>();

/**
 * The same receipt asked for again: it must ask for the same units; whatever its first try left undone on the cells
 * is finished now. Answers the lines as first written.
 */
export async function againReceipt(env: Env, ret: LoadedReturn, seen: ReceiptRow, lines: ReceiptLine[]): Promise<ReceiptLine[]> {
  if (seen.lines !== JSON.stringify(lines))
    throw unprocessable("idempotency_key_reused", "This key already received other units of this return.");
  await finishChangesOf(env, ret.row.order_id);
  return JSON.parse(seen.lines) as ReceiptLine[];
}

/** Units of each line, by what becomes of them. */
export function countLines(ret: LoadedReturn, lines: ReceiptLine[]): LineCount[] {
  const counts = new Map<string, LineCount>();
  for (const l of lines) {
    const line = ret.lines.find((x) => x.id === l.return_line_id)!;
    const c = counts.get(line.id) ?? { line, restock: 0, damaged: 0, inspect: 0 };
    c[l.disposition] += l.quantity;
    counts.set(line.id, c);
  }
  return [...counts.values()];
}

/** Field errors for lines that are not this return's. */
export function unknownLines(ret: LoadedReturn, lines: { return_line_id: string }[]) {
  return lines.flatMap((l, i) =>
    ret.lines.some((x) => x.id === l.return_line_id) ? [] : [{ field: `body.lines.${i}.return_line_id`, message: `No line ${l.return_line_id} on this return` }],
  );
}

export async function checkLocation(db: D1Database, locationId: string | null | undefined) {
  if (!locationId)
    throw unprocessable("receipt_not_possible", "Say where the units are: the return names no location.", {
      errors: [{ field: "body.location_id", message: "Required: the return has no location" }],
    });
  if (!(await db.prepare("SELECT 1 FROM locations WHERE id = ?").bind(locationId).first()))
    throw unprocessable("receipt_not_possible", "No such location.", { errors: [{ field: "body.location_id", message: `No location ${locationId}` }] });
  return locationId;
}

export const notOpen = (status: string, kind: ReceiptKind) =>
  conflict("invalid_return_transition", `A ${status} return cannot ${kind === "receive" ? "receive units" : "decide units held for inspection"}: only an open one can.`, {
    from: status,
    action: kind,
  });

/** Writes the receipt and takes its units onto the cells. "seen": this receipt was written before (same key). */
export async function writeReceipt(env: Env, p: ReceiptPlan, at: number): Promise<"written" | "seen"> {
  const { row } = p.ret;
  const change = StockChange.without(env, { id: `chg_${p.id}`, orderId: row.order_id, kind: `return_${p.kind}`, afterwards: afterwardsOf(p) });
  const statements = [
    // First, so that the same receipt asked for again is known as such before anything else can refuse it.
    insert("return_receipts", {
      id: p.id,
      return_id: row.id,
      order_id: row.order_id,
      kind: p.kind,
      location_id: p.locationId,
      lines: JSON.stringify(p.lines),
      note: p.note,
      actor: p.actor,
      stock_change_id: change.plan.id,
      created_at: at,
    }),
    // Fails the batch (NOT NULL on version) unless the return is still open when it runs: a close or cancel racing
    // this receipt wins or loses whole.
    sql("UPDATE returns SET updated_at = ?2, version = CASE WHEN status = 'open' THEN version + 1 ELSE NULL END WHERE id = ?1", row.id, at),
    ...p.countSql,
    ...p.eventsSql,
  ];
  try {
    await change.write(statements, async (all) => env.DB.batch(prepareAll(env.DB, all)));
  } catch (err) {
    if (isUniqueViolation(err) && String(err).includes("return_receipts.id")) return "seen";
    if (isStale(err, "returns")) throw notOpen((await loadReturn(env.DB, row.id))?.row.status ?? "missing", p.kind);
    if (p.short.is(err)) throw p.short.problem();
    throw err;
  }
  await change.finish();
  return "written";
}

/** What the cells do once the receipt is written: one keyed operation per line and disposition. */
function afterwardsOf(p: ReceiptPlan): ReturnAfterward[] {
  const out: ReturnAfterward[] = [];
  const base = (c: LineCount) => ({ sku: c.line.sku, locationId: p.locationId, reason: p.ret.row.rma });
  for (const c of p.counts) {
    if (c.restock) out.push({ op: "restock_return", key: `${p.id}/${c.line.id}/restock`, qty: c.restock, ...base(c) });
    if (c.damaged) out.push({ op: "damaged_return", key: `${p.id}/${c.line.id}/damaged`, qty: c.damaged, ...base(c) });
  }
  return out;
}

/** The lines as the events carry them. */
export const eventLines = (counts: LineCount[], lines: ReceiptLine[]) =>
  lines.map((l) => {
    const line = counts.find((c) => c.line.id === l.return_line_id)!.line;
    return { return_line_id: l.return_line_id, order_line_id: line.order_line_id, sku: line.sku, quantity: l.quantity, disposition: l.disposition };
  });
