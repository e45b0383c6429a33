// Failed sign-ins per client IP, in the rate_limits counters the order lookup uses (hashed buckets). Only failures
// count, so an office behind one address signing in all morning is never refused; a guesser is, after FAILED_PER_IP.
// An email without an account is counted like one with, so "too many attempts" does not tell which emails exist.
import { countSql, pruneRateLimitsSql } from "../../db/rate-limits";
import { type RateLimit, verdict, windowStart } from "../../domain/rate-limit";
import { sha256Hex } from "../../http/crypto";
import { LOCKOUT } from "../../staff/lockout";

export const FAILED_PER_IP: RateLimit = { limit: 20, windowMs: 10 * 60_000 };
const UNKNOWN_EMAIL: RateLimit = { limit: LOCKOUT.attempts, windowMs: LOCKOUT.minutes * 60_000 };

const ipBucket = (ip: string | undefined) => sha256Hex(`staff-login-ip\n${ip ?? "unknown"}`);
const emailBucket = (email: string) => sha256Hex(`staff-login-email\n${email.toLowerCase()}`);

async function hitsNow(db: D1Database, bucket: string, rule: RateLimit, now: number) {
  const start = windowStart(now, rule.windowMs);
  const row = await db.prepare("SELECT hits FROM rate_limits WHERE bucket = ? AND window_start = ?").bind(bucket, start).first<{ hits: number }>();
  return { hits: row?.hits ?? 0, start };
}

/** Seconds to wait when this IP has failed too often in the window; 0 to go on. */
export async function ipWait(db: D1Database, ip: string | undefined, now = Date.now()): Promise<number> {
  const { hits, start } = await hitsNow(db, await ipBucket(ip), FAILED_PER_IP, now);
  // This attempt would be one more: refused once the failures so far reach the limit.
  const v = verdict(hits + 1, start, FAILED_PER_IP, now);
  return v.allowed ? 0 : v.retryAfterSeconds;
}

export async function unknownEmailLocked(db: D1Database, email: string, now = Date.now()) {
  return (await hitsNow(db, await emailBucket(email), UNKNOWN_EMAIL, now)).hits >= UNKNOWN_EMAIL.limit;
}

/** Counts a failure against the IP and, for an email with no account, against the email; true when that email is now locked. */
export async function countFailure(db: D1Database, ip: string | undefined, unknownEmail: string | null, now = Date.now()): Promise<boolean> {
  const statements = [pruneRateLimitsSql(now), countSql(await ipBucket(ip), windowStart(now, FAILED_PER_IP.windowMs))];
  if (unknownEmail) statements.push(countSql(await emailBucket(unknownEmail), windowStart(now, UNKNOWN_EMAIL.windowMs)));
  const results = await db.batch<{ hits: number }>(statements.map((s) => db.prepare(s.sql).bind(...s.params)));
  return !!unknownEmail && (results[2].results[0]?.hits ?? 0) >= UNKNOWN_EMAIL.limit;
}
