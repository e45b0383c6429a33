// Reads of returns from D1, shaped as the API shows them.
import type { ReturnReason, ReturnSource, ReturnStatus } from "../domain/return";
import { decodeCursor, encodeCursor } from "../domain/cursor";
import { notFound, validationFailed } from "../http/problem";
import { RETURN_REFUND_STATUS_SQL, type RefundStatus } from "../refunds/status";
import type { ReturnView } from "./schemas";

export interface ReturnRow {
  id: string;
  order_id: string;
  seq: number;
  rma: string;
  source: ReturnSource;
  status: ReturnStatus;
  location_id: string | null;
  note: string | null;
  decline_reason: string | null;
  decline_note: string | null;
  external_id: string | null;
  requested_by: string;
  version: number;
  created_at: number;
  updated_at: number;
  approved_at: number | null;
  closed_at: number | null;
  /** Derived when read (RETURN_REFUND_STATUS_SQL). */
  refund_status?: RefundStatus;
}

export interface ReturnLineRow {
  id: string;
  return_id: string;
  order_id: string;
  order_line_id: string;
  sku: string;
  quantity: number;
  reason: ReturnReason;
  note: string | null;
  restocked: number;
  damaged: number;
  inspecting: number;
  missing: number;
  refunded: number;
}

export interface LoadedReturn {
  row: ReturnRow;
  orderNumber: number;
  lines: ReturnLineRow[];
}

export async function loadReturn(db: D1Database, id: string): Promise<LoadedReturn | null> {
  const [head, lines] = await db.batch([
    db.prepare(`SELECT r.*, o.number AS order_number, ${RETURN_REFUND_STATUS_SQL} AS refund_status FROM returns r JOIN orders o ON o.id = r.order_id WHERE r.id = ?`).bind(id),
    db.prepare("SELECT * FROM return_lines WHERE return_id = ? ORDER BY rowid").bind(id),
  ]);
  const row = head.results[0] as (ReturnRow & { order_number: number }) | undefined;
  if (!row) return null;
  const { order_number, ...rest } = row;
  return { row: rest, orderNumber: order_number, lines: lines.results as ReturnLineRow[] };
}

export async function requireReturn(db: D1Database, id: string): Promise<LoadedReturn> {
  const r = await loadReturn(db, id);
  if (!r) throw notFound("return_not_found", `No return ${id}.`);
  return r;
}

export const presentReturn = ({ row, orderNumber, lines }: LoadedReturn): ReturnView => ({
  id: row.id,
  rma: row.rma,
  order_id: row.order_id,
  order_number: orderNumber,
  source: row.source,
  status: row.status,
  location_id: row.location_id,
  note: row.note,
  decline_reason: row.decline_reason,
  decline_note: row.decline_note,
  external_id: row.external_id,
  lines: lines.map((l) => ({
    id: l.id,
    order_line_id: l.order_line_id,
    sku: l.sku,
    quantity: l.quantity,
    reason: l.reason,
    note: l.note,
    restocked: l.restocked,
    damaged: l.damaged,
    inspecting: l.inspecting,
    missing: l.missing,
    refunded: l.refunded,
  })),
  refund_status: row.refund_status ?? "none",
  version: row.version,
  created_at: row.created_at,
  updated_at: row.updated_at,
  approved_at: row.approved_at,
  closed_at: row.closed_at,
});

export async function showReturn(db: D1Database, id: string): Promise<ReturnView> {
  return presentReturn(await requireReturn(db, id));
}

/** Newest first, keyset-paged. */
export async function listReturns(db: D1Database, q: { status?: ReturnStatus; order_id?: string; limit: number; cursor?: string }) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.status) where.push("r.status = ?"), params.push(q.status);
  if (q.order_id) where.push("r.order_id = ?"), params.push(q.order_id);
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    if (!c || c.sort !== "returns") throw validationFailed([{ field: "query.cursor", message: "Not a cursor of this list: use next_cursor as given" }]);
    where.push("(r.created_at < ? OR (r.created_at = ? AND r.id < ?))"), params.push(c.value, c.value, c.id);
  }
  const { results } = await db
    .prepare(
      `SELECT r.*, o.number AS order_number, ${RETURN_REFUND_STATUS_SQL} AS refund_status FROM returns r JOIN orders o ON o.id = r.order_id
       ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY r.created_at DESC, r.id DESC LIMIT ?`,
    )
    .bind(...params, q.limit + 1)
    .all<ReturnRow & { order_number: number }>();
  const page = results.slice(0, q.limit);
  const ids = page.map((r) => r.id);
  const lines = ids.length
    ? (await db.prepare(`SELECT * FROM return_lines WHERE return_id IN (${ids.map(() => "?").join(", ")}) ORDER BY rowid`).bind(...ids).all<ReturnLineRow>()).results
    : [];
  const last = page[page.length - 1];
  return {
    data: page.map(({ order_number, ...row }) => presentReturn({ row, orderNumber: order_number, lines: lines.filter((l) => l.return_id === row.id) })),
    next_cursor: results.length > q.limit ? encodeCursor({ sort: "returns", value: last.created_at, id: last.id }) : null,
  };
}
