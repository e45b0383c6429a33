const encoder = new TextEncoder();

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", encoder.encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Random base62 text; 32 characters carry ~190 bits. */
export function randomToken(length = 32): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  // 248 is the largest multiple of 62 below 256: rejecting above it keeps every character equally likely.
  let out = "";
  while (out.length < length) {
    for (const b of bytes) if (b < 248 && out.length < length) out += ALPHABET[b % 62];
    crypto.getRandomValues(bytes);
  }
  return out;
}
