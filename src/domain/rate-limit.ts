// Fixed-window rate limiting: at most `limit` attempts per caller per window. Coarse on purpose: it only has to make
// guessing slow, and one counter row per caller is all it costs.

export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** The start of the window `now` falls in. */
export const windowStart = (now: number, windowMs: number) => now - (now % windowMs);

/** Given the attempts counted in the current window (this one included): go on, or wait how many seconds. */
export function verdict(hits: number, started: number, rule: RateLimit, now: number): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
  if (hits <= rule.limit) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((started + rule.windowMs - now) / 1000)) };
}
