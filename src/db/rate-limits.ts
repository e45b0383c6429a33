// Fixed-window counters in D1's rate_limits table (one row per bucket; buckets are hashes, never an IP or an email).
// Shared by the shopper order lookup (attempts) and the checkout's reservation limit (units), as statements to put
// in the caller's own batch. The windows themselves are src/domain/rate-limit.ts.
import { type Sql, sql } from "./sql";

/** No window of any limit is longer than this, so a row whose window began earlier than this ago is dead. */
export const LONGEST_WINDOW_MS = 60 * 60_000;

/** Drops a few dead rows per call, so the table stays as small as the set of recent callers. */
export const pruneRateLimitsSql = (now: number): Sql =>
  sql("DELETE FROM rate_limits WHERE bucket IN (SELECT bucket FROM rate_limits WHERE window_start < ? LIMIT 20)", now - 2 * LONGEST_WINDOW_MS);

/** Adds `amount` to the bucket's count in the window starting at `start` (a new window starts from 0); RETURNING hits. */
export const countSql = (bucket: string, start: number, amount = 1): Sql =>
  sql(
    `INSERT INTO rate_limits (bucket, window_start, hits) VALUES (?1, ?2, ?3)
     ON CONFLICT (bucket) DO UPDATE SET hits = CASE WHEN window_start = ?2 THEN hits + ?3 ELSE ?3 END, window_start = ?2
     RETURNING hits`,
    bucket,
    start,
    amount,
  );

/**
 * Adds `amount` only if the window's count stays at or under `limit`: RETURNING hits when added, no row when not
 * (what was refused is not counted). `amount` must itself be at most `limit`.
 */
export const addWithinSql = (bucket: string, start: number, amount: number, limit: number): Sql =>
  sql(
    `INSERT INTO rate_limits (bucket, window_start, hits) VALUES (?1, ?2, ?3)
     ON CONFLICT (bucket) DO UPDATE SET hits = CASE WHEN window_start = ?2 THEN hits + ?3 ELSE ?3 END, window_start = ?2
     WHERE window_start != ?2 OR hits + ?3 <= ?4
     RETURNING hits`,
    bucket,
    start,
    amount,
    limit,
  );
