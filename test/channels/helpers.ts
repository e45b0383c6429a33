// Channels and signed deliveries, as Shopify, WooCommerce and a Standard Webhooks marketplace send them.
import { env } from "cloudflare:workers";
import { expect, vi } from "vitest";
import { hmacBase64 } from "../../src/domain/channel-signature";
import { signatureHeaders } from "../../src/webhooks/signature";
import { admin, raw } from "../helpers/client";
import shopifyFixture from "./fixtures/shopify-order.json";
import wooFixture from "./fixtures/woo-order.json";

export const SHOPIFY_SECRET = "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";
export const WOO_SECRET = "wc-secret-7Yq2!x9";
export const MARKET_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

let seq = 0;
const next = () => `${Date.now().toString(36)}${++seq}`;

export async function makeChannel(kind: "shopify" | "woocommerce" | "marketplace", opts: { secret?: string | null } = {}) {
  const secret = opts.secret === undefined ? { shopify: SHOPIFY_SECRET, woocommerce: WOO_SECRET, marketplace: MARKET_SECRET }[kind] : opts.secret;
  const { data, response } = await admin().POST("/v1/channels", {
    body: { code: `${kind}-${next()}`.slice(0, 32), name: `${kind} shop`, kind, ...(secret ? { webhook_secret: secret } : {}) },
  });
  expect(response.status).toBe(201);
  return data!.id;
}

/** The Shopify fixture for our SKUs (first line, second line), with a fresh order id. */
export function shopifyOrder(skus: [string, string], over: Record<string, unknown> = {}) {
  const id = 5_000_000_000_000 + Math.floor(Math.random() * 1e9);
  const o = structuredClone(shopifyFixture) as Record<string, any>;
  o.id = id;
  o.admin_graphql_api_id = `gid://shopify/Order/${id}`;
  o.line_items[0].sku = skus[0];
  o.line_items[1].sku = skus[1];
  return { ...o, ...over };
}

export function wooOrder(skus: [string, string], over: Record<string, unknown> = {}) {
  const o = structuredClone(wooFixture) as Record<string, any>;
  o.id = 100_000 + Math.floor(Math.random() * 1e6);
  o.number = String(o.id);
  o.line_items[0].sku = skus[0];
  o.line_items[1].sku = skus[1];
  return { ...o, ...over };
}

export async function sendShopify(channelId: string, topic: string, payload: unknown, opts: { eventId?: string; secret?: string; body?: string; signature?: string | null } = {}) {
  const body = opts.body ?? JSON.stringify(payload);
  const signature = opts.signature === undefined ? await hmacBase64(opts.secret ?? SHOPIFY_SECRET, JSON.stringify(payload)) : opts.signature;
  return raw(
    `/v1/channels/${channelId}/webhooks`,
    {
      method: "POST",
      body,
      headers: {
        "content-type": "application/json",
        "x-shopify-topic": topic,
        "x-shopify-shop-domain": "acme-apparel.myshopify.com",
        "x-shopify-api-version": "2025-01",
        "x-shopify-webhook-id": crypto.randomUUID(),
        "x-shopify-event-id": opts.eventId ?? crypto.randomUUID(),
        "x-shopify-triggered-at": new Date().toISOString(),
        ...(signature ? { "x-shopify-hmac-sha256": signature } : {}),
      },
    },
    null,
  );
}

export async function sendWoo(channelId: string, topic: string, payload: unknown, opts: { deliveryId?: string; secret?: string } = {}) {
  const body = JSON.stringify(payload);
  return raw(
    `/v1/channels/${channelId}/webhooks`,
    {
      method: "POST",
      body,
      headers: {
        "content-type": "application/json",
        "x-wc-webhook-source": "https://shop.example.com/",
        "x-wc-webhook-topic": topic,
        "x-wc-webhook-resource": "order",
        "x-wc-webhook-event": topic.split(".")[1],
        "x-wc-webhook-id": "17",
        "x-wc-webhook-delivery-id": opts.deliveryId ?? next(),
        "x-wc-webhook-signature": await hmacBase64(opts.secret ?? WOO_SECRET, body),
      },
    },
    null,
  );
}

export async function sendMarket(channelId: string, type: string, data: unknown, opts: { id?: string; timestamp?: number; secret?: string; body?: string } = {}) {
  const body = opts.body ?? JSON.stringify({ type, timestamp: new Date().toISOString(), data });
  const headers = await signatureHeaders({ secret: opts.secret ?? MARKET_SECRET, id: opts.id ?? `msg_${next()}`, timestamp: opts.timestamp ?? Math.floor(Date.now() / 1000), body });
  return raw(`/v1/channels/${channelId}/webhooks`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } }, null);
}

export interface StoredEvent {
  id: string;
  status: string;
  outcome: string | null;
  error: string | null;
  order_id: string | null;
  attempts: number;
}

/** Waits until the INGEST queue has processed (or failed) the delivery. */
export async function settled(eventId: string): Promise<StoredEvent> {
  let row: StoredEvent | null = null;
  await vi.waitFor(
    async () => {
      row = await env.DB.prepare("SELECT id, status, outcome, error, order_id, attempts FROM channel_events WHERE id = ?").bind(eventId).first<StoredEvent>();
      expect(row?.status).not.toBe("received");
    },
    { timeout: 20_000, interval: 50 },
  );
  return row!;
}

/** Sends and waits: the 202 answer's event, processed. */
export async function delivered(res: Response) {
  expect(res.status).toBe(202);
  const { event_id } = (await res.json()) as { event_id: string };
  return settled(event_id);
}

export const ordersOf = (channelId: string, externalId: string) =>
  env.DB.prepare("SELECT id, status, hold_kind, hold_reason, payment_status FROM orders WHERE channel_id = ? AND external_id = ?")
    .bind(channelId, externalId)
    .all<{ id: string; status: string; hold_kind: string | null; hold_reason: string | null; payment_status: string }>()
    .then((r) => r.results);
