// Standard Webhooks signatures (https://www.standardwebhooks.com): HMAC-SHA256 over "id.timestamp.body", keyed with
// the bytes of a whsec_ secret. Web Crypto only, so it runs in the worker and in any receiver's runtime alike.

const PREFIX = "whsec_";
const encoder = new TextEncoder();

export interface SignInput {
  secret: string;
  /** The webhook-id: the same for every retry of one message, so receivers can drop duplicates. */
  id: string;
  /** Unix seconds. */
  timestamp: number;
  /** The exact bytes sent; re-serialising the JSON would change the signature. */
  body: string;
}

export type VerifyFailure =
  | "missing_headers"
  | "invalid_timestamp"
  | "timestamp_too_old"
  | "timestamp_too_new"
  | "malformed_signature"
  | "signature_mismatch";

export type VerifyResult = { ok: true } | { ok: false; reason: VerifyFailure };

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));

/** A new secret: whsec_ and the base64 of 32 random bytes. */
export const generateSecret = () => PREFIX + toBase64(crypto.getRandomValues(new Uint8Array(32)));

function hmacKey(secret: string, usage: "sign" | "verify") {
  const encoded = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret;
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(encoded);
  } catch {
    throw new TypeError("A webhook secret is whsec_ followed by base64.");
  }
  return crypto.subtle.importKey("raw", bytes, { name: "HMAC", hash: "SHA-256" }, false, [usage]);
}

const signedContent = (id: string, timestamp: number | string, body: string) => encoder.encode(`${id}.${timestamp}.${body}`);

/** The webhook-signature value: "v1,<base64 HMAC-SHA256>". */
export async function sign(input: SignInput): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(input.secret, "sign"), signedContent(input.id, input.timestamp, input.body));
  return `v1,${toBase64(new Uint8Array(mac))}`;
}

/** The three headers a delivery carries. */
export const signatureHeaders = async (input: SignInput) => ({
  "webhook-id": input.id,
  "webhook-timestamp": String(input.timestamp),
  "webhook-signature": await sign(input),
});

export interface VerifyInput {
  secret: string;
  headers: Headers | Record<string, string | null | undefined>;
  body: string;
  /** Unix seconds; defaults to the clock. */
  now?: number;
  toleranceSeconds?: number;
}

/**
 * Checks a delivery as a receiver would. The timestamp bounds replays; the signature header may list several
 * space-separated signatures (the sender signs with old and new secret while rotating), and any v1 match is enough.
 */
export async function verify({ secret, headers, body, now = Math.floor(Date.now() / 1000), toleranceSeconds = 300 }: VerifyInput): Promise<VerifyResult> {
  const header = (name: string) => (headers instanceof Headers ? headers.get(name) : headers[name]) ?? null;
  const id = header("webhook-id");
  const stamp = header("webhook-timestamp");
  const signatures = header("webhook-signature");
  if (!id || !stamp || !signatures) return { ok: false, reason: "missing_headers" };

  if (!/^\d{1,15}$/.test(stamp)) return { ok: false, reason: "invalid_timestamp" };
  const timestamp = Number(stamp);
  if (now - timestamp > toleranceSeconds) return { ok: false, reason: "timestamp_too_old" };
  if (timestamp - now > toleranceSeconds) return { ok: false, reason: "timestamp_too_new" };

  const candidates = signatures
    .split(" ")
    .map((entry) => entry.match(/^v1,([A-Za-z0-9+/]+={0,2})$/)?.[1])
    .filter((sig): sig is string => sig !== undefined);
  if (candidates.length === 0) return { ok: false, reason: "malformed_signature" };

  // subtle.verify compares in constant time, so a mismatch says nothing about how close the guess was.
  const key = await hmacKey(secret, "verify");
  // The header as sent, not the parsed number: that is what the sender signed.
  const content = signedContent(id, stamp, body);
  for (const candidate of candidates) {
    let mac: Uint8Array;
    try {
      mac = fromBase64(candidate);
    } catch {
      continue;
    }
    if (await crypto.subtle.verify("HMAC", key, mac, content)) return { ok: true };
  }
  return { ok: false, reason: "signature_mismatch" };
}
