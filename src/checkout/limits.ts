// Reservation limits (OWASP API6:2023, sensitive business flows): an unpaid checkout holds real stock for
// PAYMENT_HOLD_SECONDS, so without limits one publishable key (public, it lives in a web page) could hold a shop's
// whole inventory, again and again. Two limits, the merchant's settings (src/checkout-limits/):
//   - units per checkout: every unpaid checkout and every checkout with a publishable key (422 checkout_too_large);
//   - unpaid units per publishable key and client IP per window (429 too_many_reservations with Retry-After).
// Paid checkouts with a secret key (the merchant's own servers, money in hand) are held to neither.
//
// Where the window is counted, and why there: in D1's rate_limits table, the fixed-window counter the order lookup
// uses (hashed buckets, dead rows pruned as it goes), with a conditional add so refused units are not counted. Only
// unpaid publishable checkouts count, and the statements travel in the round trip that records the checkout's stock
// change (reservationLimits + StockChange.beginWith): no round trip of their own. Rejected alternatives: a per-isolate counter costs
// nothing but is no limit (every isolate, every colo counts alone); the Workers rate-limit binding counts requests,
// not units, and per colo; a Durable Object per bucket is a round trip too, to a new class, for no stronger guarantee.
// Without a client IP (no cf-connecting-ip: not behind Cloudflare, so local dev and tests) the window is not counted:
// Cloudflare always sets that header in production and a client cannot set it itself.
import { addWithinSql, pruneRateLimitsSql } from "../db/rate-limits";
import { batchTogether } from "../db/together";
import { windowStart } from "../domain/rate-limit";
import type { Env, Principal } from "../env";
import { checkoutLimits } from "../checkout-limits/settings";
import { sha256Hex } from "../http/crypto";
import { Problem } from "../http/problem";
import type { Sql } from "../db/sql";

export interface ReservationRequest {
  principal: Principal;
  /** cf-connecting-ip as the edge saw it. */
  clientIp?: string;
  /** Units the checkout reserves, all lines together. */
  units: number;
  /** Whether the checkout arrives with its payment (its units are committed, not held for payment). */
  paid: boolean;
}

/** The count of an unpaid storefront checkout's units in its window: statements to send, and the verdict on their results. */
export interface WindowCount {
  statements: Sql[];
  /** Throws the 429 Problem unless the units were added (nothing is counted when refused). */
  check(results: D1Result[]): void;
}

/**
 * The checkout's limits, all but the window's count: throws the 422 Problem for a checkout that is too large, and
 * returns the statements that count an unpaid storefront checkout's units (null when nothing is counted), for the
 * caller to send in a round trip it makes anyway before reserving (the checkout's: with its stock change's record).
 */
export async function reservationLimits(env: Pick<Env, "DB">, r: ReservationRequest): Promise<WindowCount | null> {
  const storefront = r.principal.kind === "publishable";
  if (r.paid && !storefront) return null;
  const limits = await checkoutLimits(env.DB);
  if (r.units > limits.max_units_per_checkout)
    throw new Problem(422, "checkout_too_large", "Unprocessable request", `A checkout may reserve at most ${limits.max_units_per_checkout} units; this one asks for ${r.units}.`, {
      max_units_per_checkout: limits.max_units_per_checkout,
      errors: [{ field: "body.lines", message: `At most ${limits.max_units_per_checkout} units in all lines together` }],
    });
  if (r.paid || !storefront || !r.clientIp) return null;

  const now = Date.now();
  const windowMs = limits.window_seconds * 1000;
  const start = windowStart(now, windowMs);
  const bucket = await sha256Hex(`checkout-held\n${r.principal.id}\n${r.clientIp.trim().toLowerCase()}`);
  return {
    statements: [pruneRateLimitsSql(now), addWithinSql(bucket, start, r.units, limits.max_held_units_per_window)],
    check([, added]) {
      if (added.results.length) return;
      const retryAfter = Math.max(1, Math.ceil((start + windowMs - now) / 1000));
      const refused = new Problem(
        429,
        "too_many_reservations",
        "Too many requests",
        `This storefront has reserved as many unpaid units from this address as it may (${limits.max_held_units_per_window} per ${limits.window_seconds} s); pay for the open orders or try again in ${retryAfter} s.`,
        { retry_after_seconds: retryAfter, max_held_units_per_window: limits.max_held_units_per_window },
      );
      refused.headers["retry-after"] = String(retryAfter);
      throw refused;
    },
  };
}

/**
 * Resolves when the checkout may reserve its units (and, for an unpaid storefront checkout, counts them); throws the
 * 422 or 429 Problem otherwise. Call it before reserving anything: what it refuses has no effects to undo.
 */
export async function checkReservationLimits(env: Pick<Env, "DB">, r: ReservationRequest): Promise<void> {
  const count = await reservationLimits(env, r);
  if (count) count.check(await batchTogether(env.DB, count.statements));
}
