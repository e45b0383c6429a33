// Count tasks: a cell to count again because a picker did not find what it said it held. A count of that cell through
// POST /v1/inventory/movements closes the open task with the count's variance; every count is also kept here
// (inventory_counts) because the cell's ledger lives in its own storage and the accuracy rollup reads D1.
import { type Sql, sql } from "../db/sql";
import { newId } from "../domain/ids";
import type { LedgerEntry } from "../inventory/types";

export interface CountTaskRow {
  id: string;
  location_id: string;
  sku: string;
  reason: string;
  status: "open" | "done";
  source: string | null;
  counted: number | null;
  variance: number | null;
  created_at: number;
  closed_at: number | null;
}

/** Raises a task unless one is open for the cell already (the partial unique index keeps one open per cell). */
export const raiseCountTaskSql = (locationId: string, sku: string, reason: string, source: string, now: number): Sql =>
  sql(
    "INSERT INTO count_tasks (id, location_id, sku, reason, status, source, created_at) VALUES (?, ?, ?, ?, 'open', ?, ?) ON CONFLICT DO NOTHING",
    newId("cnt", now),
    locationId,
    sku,
    reason,
    source,
    now,
  );

/**
 * A count the cell recorded (ledger op `count`): kept with its variance, and the cell's open task closed by it. Keyed
 * by the ledger entry, so the same count written twice is one count and closes nothing twice.
 */
export async function recordCount(db: D1Database, cell: { locationId: string; sku: string }, entry: LedgerEntry) {
  const id = `count_${cell.locationId}_${cell.sku}_${entry.seq}`;
  await db.batch([
    db
      .prepare(
        `INSERT INTO inventory_counts (id, location_id, sku, counted, variance, count_task_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, (SELECT id FROM count_tasks WHERE location_id = ?2 AND sku = ?3 AND status = 'open'), ?6)
         ON CONFLICT (id) DO NOTHING`,
      )
      .bind(id, cell.locationId, cell.sku, entry.onHand, entry.onHandDelta, entry.at),
    db
      .prepare(
        `UPDATE count_tasks SET status = 'done', counted = ?2, variance = ?3, closed_at = ?4
         WHERE status = 'open' AND id = (SELECT count_task_id FROM inventory_counts WHERE id = ?1)`,
      )
      .bind(id, entry.onHand, entry.onHandDelta, entry.at),
  ]);
}

export async function listCountTasks(db: D1Database, q: { status?: string; location_id?: string; sku?: string; limit: number; cursor?: string }) {
  const { results } = await db
    .prepare(
      `SELECT * FROM count_tasks WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR location_id = ?2) AND (?3 IS NULL OR sku = ?3)
         AND (?4 IS NULL OR id < ?4) ORDER BY id DESC LIMIT ?5`,
    )
    .bind(q.status ?? null, q.location_id ?? null, q.sku ?? null, q.cursor ?? null, q.limit + 1)
    .all<CountTaskRow>();
  const data = results.slice(0, q.limit);
  return { data, next_cursor: results.length > q.limit ? data[data.length - 1].id : null };
}
