import { describe, expect, it } from "vitest";
import { generateSecret, sign, signatureHeaders, verify } from "../../src/webhooks/signature";

// The Standard Webhooks test vector (REFERENCE.md).
const vector = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
};
const expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
const now = vector.timestamp;

const headersFor = (signature = expected, timestamp = String(vector.timestamp)) => ({
  "webhook-id": vector.id,
  "webhook-timestamp": timestamp,
  "webhook-signature": signature,
});

describe("Standard Webhooks signatures", () => {
  it("signs the test vector exactly", async () => {
    expect(await sign(vector)).toBe(expected);
    expect(await signatureHeaders(vector)).toEqual(headersFor());
  });

  it("verifies the vector, from a plain object or from Headers", async () => {
    expect(await verify({ secret: vector.secret, headers: headersFor(), body: vector.body, now })).toEqual({ ok: true });
    const headers = new Headers(headersFor());
    expect(await verify({ secret: vector.secret, headers, body: vector.body, now: now + 299 })).toEqual({ ok: true });
  });

  it("refuses an altered body and a wrong secret", async () => {
    const altered = await verify({ secret: vector.secret, headers: headersFor(), body: '{"test": 2432232315}', now });
    expect(altered).toEqual({ ok: false, reason: "signature_mismatch" });
    const wrong = await verify({ secret: generateSecret(), headers: headersFor(), body: vector.body, now });
    expect(wrong).toEqual({ ok: false, reason: "signature_mismatch" });
  });

  it("refuses stale and future timestamps beyond the tolerance, each with its own reason", async () => {
    const args = { secret: vector.secret, headers: headersFor(), body: vector.body };
    expect(await verify({ ...args, now: now + 301 })).toEqual({ ok: false, reason: "timestamp_too_old" });
    expect(await verify({ ...args, now: now - 301 })).toEqual({ ok: false, reason: "timestamp_too_new" });
    expect(await verify({ ...args, now: now + 301, toleranceSeconds: 600 })).toEqual({ ok: true });
  });

  it("accepts any matching v1 signature in a space-separated list", async () => {
    const other = await sign({ ...vector, secret: generateSecret() });
    const list = `v1a,ignored ${other} ${expected}`;
    expect(await verify({ secret: vector.secret, headers: headersFor(list), body: vector.body, now })).toEqual({ ok: true });
    const none = await verify({ secret: vector.secret, headers: headersFor(`${other} v2,${expected.slice(3)}`), body: vector.body, now });
    expect(none).toEqual({ ok: false, reason: "signature_mismatch" });
  });

  it("tells malformed and missing headers apart", async () => {
    const args = { secret: vector.secret, body: vector.body, now };
    expect(await verify({ ...args, headers: headersFor(expected.slice(3)) })).toEqual({ ok: false, reason: "malformed_signature" });
    expect(await verify({ ...args, headers: headersFor("v1,") })).toEqual({ ok: false, reason: "malformed_signature" });
    expect(await verify({ ...args, headers: headersFor(expected, "soon") })).toEqual({ ok: false, reason: "invalid_timestamp" });
    expect(await verify({ ...args, headers: { "webhook-id": vector.id } })).toEqual({ ok: false, reason: "missing_headers" });
  });

  it("generates whsec_ secrets of 32 random bytes that sign and verify", async () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(atob(secret.slice(6))).toHaveLength(32);
    expect(generateSecret()).not.toBe(secret);
    const message = { secret, id: "msg_1", timestamp: 1_700_000_000, body: "{}" };
    const headers = await signatureHeaders(message);
    expect(await verify({ secret, headers, body: "{}", now: message.timestamp })).toEqual({ ok: true });
  });
});
