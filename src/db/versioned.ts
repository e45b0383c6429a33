// Optimistic concurrency for rows with a `version`: a change made against an old version never overwrites a newer one.
import { type Sql, sql } from "./sql";

/**
 * An UPDATE that fails (NOT NULL on version) unless the row is still at `expected`. Inside a D1 batch that failure
 * rolls back every other statement of the batch, so the events and records written with it vanish too.
 */
export function versionedUpdate(table: string, id: string, expected: number, set: Record<string, unknown>): Sql {
  const entries = Object.entries({ ...set, updated_at: Date.now() });
  return sql(
    `UPDATE ${table} SET ${entries.map(([k]) => `${k} = ?`).join(", ")},
     version = CASE WHEN version = ? THEN version + 1 ELSE NULL END WHERE id = ?`,
    ...entries.map(([, v]) => v),
    expected,
    id,
  );
}

/** Whether a batch failed because a versionedUpdate of `table` found a newer version. */
export const isStale = (err: unknown, table: string) => String(err).includes(`NOT NULL constraint failed: ${table}.version`);
