// The edge of channel orders: verify the channel's own signature over the raw body, store the delivery as it came,
// answer at once and leave the work to the INGEST queue. A delivery seen before is acknowledged and not stored again.
import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import { type ChannelKind, signingOf } from "../domain/channel-event";
import { hmacBase64Matches } from "../domain/channel-signature";
import { SHOPIFY_TOPICS } from "../domain/shopify-order";
import { newId } from "../domain/ids";
import type { AppEnv, Env } from "../env";
import { sha256Hex } from "../http/crypto";
import { conflict, notFound, Problem } from "../http/problem";
import { job } from "../queues/job";
import { verify } from "../webhooks/signature";
import type { ChannelEventRow } from "../ingest/job";
import { isChannelRefund } from "../channel-returns/ingest";
import type * as routes from "./routes";
import { getChannel } from "./store";

const WOO_TOPICS = ["order.created", "order.updated"];
const GENERIC_TYPES = ["order.created", "order.updated", "order.cancelled"];
// Kept with the body: enough to tell deliveries apart and to check them again; never anything that authenticates.
const KEPT_HEADERS = [
  "content-type",
  "x-shopify-topic", "x-shopify-shop-domain", "x-shopify-webhook-id", "x-shopify-event-id", "x-shopify-triggered-at", "x-shopify-api-version",
  "x-wc-webhook-topic", "x-wc-webhook-source", "x-wc-webhook-resource", "x-wc-webhook-event", "x-wc-webhook-id", "x-wc-webhook-delivery-id",
  "webhook-id", "webhook-timestamp",
];

const invalidSignature = (detail: string) => new Problem(401, "invalid_signature", "Unauthorized", detail);

interface Delivery {
  topic: string;
  deliveryId: string;
  /** false: a topic we do not handle, acknowledged and not stored. */
  handled: boolean;
}

/** Checks the signature the channel's kind uses; answers what the delivery is. Throws 401 invalid_signature. */
async function verified(kind: ChannelKind, secret: string | null, c: Context<AppEnv>, body: string): Promise<Delivery> {
  if (!secret) throw invalidSignature("The channel has no webhook secret yet: set one before it sends webhooks.");
  const h = (name: string) => c.req.header(name) ?? null;
  const signing = signingOf(kind);
  const fallbackId = async (topic: string) => `sha256:${await sha256Hex(`${topic}\n${body}`)}`;
  if (signing === "shopify") {
    if (!(await hmacBase64Matches(secret, body, h("x-shopify-hmac-sha256")))) throw invalidSignature("X-Shopify-Hmac-Sha256 is missing or does not match the body.");
    const topic = h("x-shopify-topic") ?? "";
    return { topic, handled: SHOPIFY_TOPICS.includes(topic) || isChannelRefund("shopify", topic), deliveryId: h("x-shopify-event-id") ?? h("x-shopify-webhook-id") ?? (await fallbackId(topic)) };
  }
  if (signing === "woocommerce") {
    if (!(await hmacBase64Matches(secret, body, h("x-wc-webhook-signature")))) throw invalidSignature("X-WC-Webhook-Signature is missing or does not match the body.");
    const topic = h("x-wc-webhook-topic") ?? "";
    return { topic, handled: WOO_TOPICS.includes(topic), deliveryId: h("x-wc-webhook-delivery-id") ?? (await fallbackId(topic)) };
  }
  let result;
  try {
    result = await verify({ secret, headers: c.req.raw.headers, body });
  } catch {
    throw invalidSignature("The channel's webhook secret is not a Standard Webhooks secret.");
  }
  if (!result.ok) throw invalidSignature(`Standard Webhooks signature refused: ${result.reason}.`);
  // The type is read here only to skip what we do not handle; a body that is not JSON is stored and fails visibly.
  let topic = "unreadable";
  try {
    const type = (JSON.parse(body) as { type?: unknown })?.type;
    if (typeof type === "string") topic = type.slice(0, 100);
  } catch {
    /* stored as unreadable */
  }
  return { topic, handled: topic === "unreadable" || GENERIC_TYPES.includes(topic), deliveryId: h("webhook-id")! };
}

/** The job of a stored delivery; `key` differs for a replay, which the queue must not take for a copy of done work. */
export const sendIngestJob = (env: Env, eventId: string, key = eventId) => env.INGEST.send(job("ingest_channel_event", key, { eventId }));

export const receiveChannelWebhook: RouteHandler<typeof routes.receiveChannelWebhook, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const db = c.env.DB;
  const channel = await getChannel(db, id);
  if (!channel) throw notFound("channel_not_found", `No channel has the id ${id}.`);
  // The bytes as sent, read as UTF-8 whatever the content type (WooCommerce's ping is a form post).
  const body = new TextDecoder().decode(await c.req.arrayBuffer());

  // WooCommerce checks a new webhook's URL with an unsigned form post of its id; it only wants a 200.
  if (signingOf(channel.kind) === "woocommerce" && !c.req.header("x-wc-webhook-signature") && /^webhook_id=\d+$/.test(body.trim()))
    return c.json({ event_id: null, status: "ping" }, 200);
  if (!channel.active) throw conflict("channel_inactive", "This channel is inactive; activate it to receive its orders.");

  const delivery = await verified(channel.kind, channel.webhook_secret, c, body);
  if (!delivery.handled) return c.json({ event_id: null, status: "ignored" }, 200);

  const headers = Object.fromEntries(KEPT_HEADERS.flatMap((n) => (c.req.header(n) ? [[n, c.req.header(n)!.slice(0, 500)]] : [])));
  const now = Date.now();
  const stored = await db
    .prepare(
      `INSERT INTO channel_events (id, channel_id, delivery_id, topic, headers, body, status, received_at)
       VALUES (?, ?, ?, ?, ?, ?, 'received', ?) ON CONFLICT (channel_id, delivery_id) DO NOTHING RETURNING id`,
    )
    .bind(newId("che", now), channel.id, delivery.deliveryId.slice(0, 200), delivery.topic, JSON.stringify(headers), body, now)
    .first<{ id: string }>();
  if (!stored) {
    const seen = await db
      .prepare("SELECT id, status FROM channel_events WHERE channel_id = ? AND delivery_id = ?")
      .bind(channel.id, delivery.deliveryId.slice(0, 200))
      .first<Pick<ChannelEventRow, "id" | "status">>();
    // Still unprocessed: perhaps its job was never sent. Sending it again is harmless (the job is keyed by the event).
    if (seen?.status === "received") await sendIngestJob(c.env, seen.id);
    return c.json({ event_id: seen?.id ?? null, status: seen?.status ?? "received", duplicate: true }, 200);
  }
  await sendIngestJob(c.env, stored.id);
  return c.json({ event_id: stored.id, status: "received" }, 202);
};
