// A per-caller counter in D1 for the shopper lookup: enough to make guessing order numbers and emails slow.
import { sql, prepareAll } from "../db/sql";
import { type RateLimit, verdict, windowStart } from "../domain/rate-limit";
import { sha256Hex } from "../http/crypto";
import { Problem } from "../http/problem";

/** Counts one attempt of `caller` (hashed: the row never holds an IP); past the limit, the 429 to answer with. */
export async function countAttempt(db: D1Database, caller: string, rule: RateLimit, now = Date.now()) {
  const bucket = await sha256Hex(caller);
  const start = windowStart(now, rule.windowMs);
  const [, counted] = await db.batch(
    prepareAll(db, [
      // Counters of windows long gone: a few at a time, so the table stays as small as the set of recent callers.
      sql("DELETE FROM rate_limits WHERE bucket IN (SELECT bucket FROM rate_limits WHERE window_start < ? LIMIT 20)", start - rule.windowMs),
      sql(
        `INSERT INTO rate_limits (bucket, window_start, hits) VALUES (?1, ?2, 1)
         ON CONFLICT (bucket) DO UPDATE SET hits = CASE WHEN window_start = ?2 THEN hits + 1 ELSE 1 END, window_start = ?2
         RETURNING hits`,
        bucket,
        start,
      ),
    ]),
  );
  const v = verdict((counted.results[0] as { hits: number }).hits, start, rule, now);
  if (v.allowed) return null;
  return {
    retryAfterSeconds: v.retryAfterSeconds,
    problem: new Problem(429, "rate_limited", "Too many requests", `Too many attempts; try again in ${v.retryAfterSeconds} s.`),
  };
}
