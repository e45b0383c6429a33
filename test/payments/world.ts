// What the payment tests share: a location, pending orders, and webhooks signed the way each provider signs them.
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { cellOf } from "../../src/inventory/cells";
import { signatureHeaders } from "../../src/webhooks/signature";
import { admin, checkedRaw, client, key, raw } from "../helpers/client";
import { makeProduct, receive, shipTo } from "../helpers/fixtures";

export const cell = (sku: string, loc: string) => cellOf(env, sku, loc).snapshot();
export const orderOf = (id: string) => admin().GET("/v1/orders/{id}", { params: { path: { id } } }).then((r) => r.data!);

/** A storefront order waiting for payment: `qty` units at 1000 each, held at `loc`. */
export async function pendingOrder(pk: string, loc: string, qty = 2) {
  const [sku] = await makeProduct([1000]);
  await receive(sku, loc, 5);
  const res = await client(pk).POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key() } },
    body: { email: "pay@example.com", currency: "EUR", lines: [{ sku, quantity: qty }], shipping_address: shipTo("berlin") },
  });
  expect(res.response.status).toBe(201);
  return { sku, order: res.data! };
}

const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");

/** Stripe-Signature as Stripe computes it: t=<unix s>,v1=hex(HMAC-SHA256(secret, `${t}.${body}`)). */
export async function stripeSignature(body: string, opts: { secret?: string; t?: number } = {}) {
  const t = opts.t ?? Math.floor(Date.now() / 1000);
  const k = await crypto.subtle.importKey("raw", new TextEncoder().encode(opts.secret ?? env.STRIPE_WEBHOOK_SECRET!), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return `t=${t},v1=${hex(await crypto.subtle.sign("HMAC", k, new TextEncoder().encode(`${t}.${body}`)))}`;
}

let n = 0;
/** A Stripe event around a PaymentIntent (amounts as Stripe reports them). */
export function stripeEvent(type: string, pi: { id: string; orderId?: string; amount: number; capturable?: number; received?: number; currency?: string }, id = `evt_${Date.now()}_${++n}`) {
  return JSON.stringify({
    id,
    object: "event",
    api_version: "2025-01-27.acacia",
    created: Math.floor(Date.now() / 1000),
    type,
    data: {
      object: {
        id: pi.id,
        object: "payment_intent",
        amount: pi.amount,
        amount_capturable: pi.capturable ?? 0,
        amount_received: pi.received ?? 0,
        currency: pi.currency ?? "eur",
        metadata: pi.orderId ? { order_id: pi.orderId } : {},
        status: type === "payment_intent.succeeded" ? "succeeded" : "requires_capture",
      },
    },
  });
}

export const postStripe = (body: string, signature: string | null) =>
  checkedRaw("/v1/payments/stripe/webhooks", { method: "POST", body, headers: { "content-type": "application/json", ...(signature ? { "stripe-signature": signature } : {}) } }, null);

/** A test-provider event, signed with Standard Webhooks. */
export async function postTestProvider(type: string, data: Record<string, unknown>, id = `msg_${Date.now()}_${++n}`) {
  const body = JSON.stringify({ type, data });
  const headers = await signatureHeaders({ secret: env.TEST_PAYMENTS_SECRET!, id, timestamp: Math.floor(Date.now() / 1000), body });
  return checkedRaw("/v1/payments/test/webhooks", { method: "POST", body, headers: { "content-type": "application/json", ...headers } }, null);
}

/** A secret key with exactly these scopes. */
export async function secretKey(scopes: string[]) {
  const res = await admin().POST("/v1/api-keys", { body: { kind: "secret", name: `k-${++n}`, scopes: scopes as never } });
  expect(res.response.status).toBe(201);
  return res.data!.key;
}
