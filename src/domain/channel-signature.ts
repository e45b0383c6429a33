// The signatures Shopify (X-Shopify-Hmac-Sha256) and WooCommerce (X-WC-Webhook-Signature) put on their webhooks:
// base64(HMAC-SHA256(raw body, shared secret)). Standard Webhooks (marketplaces) live in src/webhooks/signature.ts.
const encoder = new TextEncoder();

/** Whether `signature` is the base64 HMAC-SHA256 of `body` under `secret`. Compared in constant time by subtle.verify. */
export async function hmacBase64Matches(secret: string, body: string, signature: string | null | undefined): Promise<boolean> {
  if (!secret || !signature) return false;
  let mac: Uint8Array;
  try {
    mac = Uint8Array.from(atob(signature.trim()), (ch) => ch.charCodeAt(0));
  } catch {
    return false;
  }
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  return crypto.subtle.verify("HMAC", key, mac, encoder.encode(body));
}

/** What a channel puts there: for tests and for anyone writing a sender. */
export async function hmacBase64(secret: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(body)));
  return btoa(String.fromCharCode(...mac));
}
