// Counters in D1 for the shopper lookup: per caller (key and IP) and per order number, so neither one caller nor many
// callers together can guess their way to an order's email. Both are counted in one round trip.
import { countSql, pruneRateLimitsSql } from "../db/rate-limits";
import { prepareAll } from "../db/sql";
import { type RateLimit, verdict, windowStart } from "../domain/rate-limit";
import { sha256Hex } from "../http/crypto";
import { Problem } from "../http/problem";

export interface Attempt {
  /** Who or what is counted; hashed, so the row never holds an IP or a number. */
  bucket: string;
  rule: RateLimit;
}

/** Counts one attempt against every bucket; past any limit, the 429 to answer with (waiting for the longest). */
export async function countAttempts(db: D1Database, attempts: Attempt[], now = Date.now()) {
  const counted = await Promise.all(attempts.map(async (a) => ({ ...a, hash: await sha256Hex(a.bucket), start: windowStart(now, a.rule.windowMs) })));
  const [, ...results] = await db.batch(prepareAll(db, [pruneRateLimitsSql(now), ...counted.map((a) => countSql(a.hash, a.start))]));
  let retryAfterSeconds = 0;
  counted.forEach((a, i) => {
    const v = verdict((results[i].results[0] as { hits: number }).hits, a.start, a.rule, now);
    if (!v.allowed) retryAfterSeconds = Math.max(retryAfterSeconds, v.retryAfterSeconds);
  });
  if (!retryAfterSeconds) return null;
  return {
    retryAfterSeconds,
    problem: new Problem(429, "rate_limited", "Too many requests", `Too many attempts; try again in ${retryAfterSeconds} s.`),
  };
}
