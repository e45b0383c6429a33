// The code a customer shows at the counter: six digits, easy to read out. The pickup keeps only a salted SHA-256 of
// it, and a typed code is compared with that in constant time. Six digits are a small space: the handover counts wrong
// tries and locks the code after MAX_WRONG_CODES (handover.ts); a copy of the database could still try all million
// offline, and the customer's message in the notifications outbox holds the code as sent.
import { randomToken, sha256Hex } from "../http/crypto";

export const MAX_WRONG_CODES = 5;

/** 000000–999999, uniformly: a 32-bit draw below the largest multiple of a million. */
export function newPickupCode(): string {
  const limit = Math.floor(2 ** 32 / 1_000_000) * 1_000_000;
  const draw = new Uint32Array(1);
  do crypto.getRandomValues(draw);
  while (draw[0] >= limit);
  return String(draw[0] % 1_000_000).padStart(6, "0");
}

export const newSalt = () => randomToken(16);

export const hashPickupCode = (salt: string, code: string) => sha256Hex(`${salt}:${code}`);

const encoder = new TextEncoder();

/** Equal hex digests, compared without an early exit. */
export function sameDigest(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  if (x.length !== y.length) return false;
  return crypto.subtle.timingSafeEqual(x, y);
}
