// The merchant's reservation limits, kept in the isolate for a moment so a checkout reads them from D1 at most once
// per SETTINGS_MS (a change made in another isolate applies within that). Values are cached, never promises: Workers
// tie a promise's continuations to the request that made it.
import { sql } from "../db/sql";
import { batchTogether } from "../db/together";
import { type CheckoutLimitsView, DEFAULT_CHECKOUT_LIMITS } from "./schemas";

const SETTINGS_MS = 5_000;
let cached: { at: number; value: CheckoutLimitsView } | null = null;

export async function checkoutLimits(db: D1Database): Promise<CheckoutLimitsView> {
  const now = Date.now();
  if (cached && now - cached.at < SETTINGS_MS) return cached.value;
  const [res] = await batchTogether(db, [sql("SELECT max_units_per_checkout, max_held_units_per_window, window_seconds FROM checkout_limits WHERE id = 1")]);
  // No row only if migration 0017 was not applied: the defaults are the safe side.
  const value = (res.results[0] as CheckoutLimitsView | undefined) ?? DEFAULT_CHECKOUT_LIMITS;
  cached = { at: now, value };
  return value;
}

export async function saveCheckoutLimits(db: D1Database, limits: CheckoutLimitsView): Promise<CheckoutLimitsView> {
  await db
    .prepare(
      `UPDATE checkout_limits SET max_units_per_checkout = ?1, max_held_units_per_window = ?2, window_seconds = ?3, version = version + 1, updated_at = ?4
       WHERE id = 1`,
    )
    .bind(limits.max_units_per_checkout, limits.max_held_units_per_window, limits.window_seconds, Date.now())
    .run();
  forgetCheckoutLimits();
  return limits;
}

/** After a change here, or to read what is stored rather than this isolate's copy. */
export const forgetCheckoutLimits = () => {
  cached = null;
};
