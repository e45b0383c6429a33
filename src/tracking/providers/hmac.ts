// HMAC-SHA256 checks for the providers that sign their bodies. crypto.subtle.verify compares in constant time.
const encoder = new TextEncoder();

const keyOf = (secret: string, use: "sign" | "verify") =>
  crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [use]);

export async function hmacMatches(secret: string, body: string, mac: Uint8Array | null): Promise<boolean> {
  if (!secret || !mac) return false;
  return crypto.subtle.verify("HMAC", await keyOf(secret, "verify"), mac, encoder.encode(body));
}

export async function hmac(secret: string, body: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign("HMAC", await keyOf(secret, "sign"), encoder.encode(body)));
}

export function fromHex(hex: string): Uint8Array | null {
  if (!/^(?:[0-9a-f]{2})+$/i.test(hex)) return null;
  return Uint8Array.from(hex.match(/../g)!, (b) => parseInt(b, 16));
}

export function fromBase64(text: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(text.trim()), (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
}

/** Equal strings, in time that depends only on their lengths: for a token compared as it is (Shippo's URL token). */
export async function sameSecret(a: string, b: string): Promise<boolean> {
  if (!a || !b) return false;
  // Comparing the HMACs of both under a fresh key hides where they differ, whatever their lengths.
  const key = crypto.getRandomValues(new Uint8Array(32));
  const k = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
  const macA = new Uint8Array(await crypto.subtle.sign("HMAC", k, encoder.encode(a)));
  return crypto.subtle.verify("HMAC", k, macA, encoder.encode(b));
}
