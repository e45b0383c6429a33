// Where each incremental cron step left off. A watermark is an `updated_at` (ms): the step reads rows changed after it.
import { type Sql, sql } from "../db/sql";

/**
 * Rows are written with their writer's clock and may commit a little after it (group commit, a cell publishing its
 * snapshot late), so the watermark trails the run by this much: rows this recent are read again on the next run.
 * Re-reading them is harmless, every step recomputes from the base tables and only writes what differs.
 */
export const SETTLE_MS = 5 * 60_000;

export async function readWatermark(db: D1Database, name: string): Promise<number> {
  const row = await db.prepare("SELECT value FROM watermarks WHERE name = ?").bind(name).first<{ value: string }>();
  return row ? Number(row.value) : 0;
}

/** Moves a watermark forward only: a slower, older run finishing last never moves it back. */
export const advanceWatermarkSql = (name: string, value: number, now: number): Sql =>
  sql(
    `INSERT INTO watermarks (name, value, updated_at) VALUES (?1, ?2, ?3)
     ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
     WHERE CAST(excluded.value AS INTEGER) > CAST(watermarks.value AS INTEGER)`,
    name,
    String(value),
    now,
  );

/** The next watermark: the newest settled change seen, or none when nothing settled moved it forward. */
export const nextWatermark = (current: number, settled: number | null | undefined) => (settled && settled > current ? settled : null);
