// Import records and their progress. Progress is summed from the chunks done, so a chunk done twice counts once.
import { type Sql, sql } from "../db/sql";
import type { ImportKind } from "../domain/import-file";

/** Units (orders or stock rows) per chunk job. */
export const CHUNK_UNITS = 200;
/** Chunk jobs of one order import in flight at once: bounds what one queue invocation does (subrequests, CPU). */
export const ORDER_LANES = 4;
/** Stock rows are counts: a later row for the same cell must land later, so their chunks go one after another. */
export const lanesOf = (kind: ImportKind) => (kind === "inventory_csv" ? 1 : ORDER_LANES);

export interface ImportRow {
  id: string;
  kind: ImportKind;
  channel_id: string | null;
  file_hash: string;
  file_key: string;
  status: "queued" | "running" | "done";
  units: number;
  chunks: number;
  rows_total: number;
  rows_done: number;
  rows_failed: number;
  created_by: string;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

export const getImportRow = (db: D1Database, id: string) => db.prepare("SELECT * FROM imports WHERE id = ?").bind(id).first<ImportRow>();

export async function rowErrors(db: D1Database, id: string) {
  const { results } = await db.prepare("SELECT row, message FROM import_errors WHERE import_id = ? ORDER BY row LIMIT 1000").bind(id).all<{ row: number; message: string }>();
  return results;
}

export const presentImport = (r: ImportRow, errors: { row: number; message: string }[] = []) => ({
  id: r.id,
  kind: r.kind,
  channel_id: r.channel_id,
  status: r.status,
  file_sha256: r.file_hash,
  rows_total: r.rows_total,
  rows_done: r.rows_done,
  rows_failed: r.rows_failed,
  errors,
  created_at: r.created_at,
  updated_at: r.updated_at,
  finished_at: r.finished_at,
});

/** One chunk done: its row errors, its counts, and the import's totals recomputed from every chunk done so far. */
export function chunkDoneSql(importId: string, chunk: number, rowsDone: number, errors: { row: number; message: string }[], now: number): Sql[] {
  return [
    ...errors.map((e) => sql("INSERT OR IGNORE INTO import_errors (import_id, row, message) VALUES (?, ?, ?)", importId, e.row, e.message.slice(0, 500))),
    sql(
      "INSERT OR IGNORE INTO import_chunks (import_id, chunk, rows_done, rows_failed, done_at) VALUES (?, ?, ?, ?, ?)",
      importId,
      chunk,
      rowsDone,
      errors.length,
      now,
    ),
    sql(
      `UPDATE imports SET
         rows_done = (SELECT COALESCE(SUM(rows_done), 0) FROM import_chunks WHERE import_id = ?1),
         rows_failed = (SELECT COALESCE(SUM(rows_failed), 0) FROM import_chunks WHERE import_id = ?1),
         status = CASE WHEN (SELECT COUNT(*) FROM import_chunks WHERE import_id = ?1) >= chunks THEN 'done' ELSE 'running' END,
         finished_at = CASE WHEN (SELECT COUNT(*) FROM import_chunks WHERE import_id = ?1) >= chunks THEN COALESCE(finished_at, ?2) ELSE NULL END,
         updated_at = ?2
       WHERE id = ?1`,
      importId,
      now,
    ),
  ];
}
