import { z } from "@hono/zod-openapi";
import { CHANNEL_KINDS } from "../domain/channel-event";

export const ChannelKind = z.enum(CHANNEL_KINDS).openapi({
  description: "How the channel talks to us: shopify and woocommerce sign webhooks their own way, every other kind per Standard Webhooks.",
});
const Secret = z.string().min(1).max(500).openapi({
  description:
    "Write-only. Shopify: the app's client secret; WooCommerce: the webhook's secret; other kinds: a Standard Webhooks secret (whsec_ + base64 of 24–64 bytes).",
});
const Credentials = z.record(z.string(), z.unknown()).openapi({ description: "Write-only: API tokens and ids the channel needs (e.g. Shopify's location id and access token)." });
const InventoryUrl = z.string().max(2048).openapi({ description: "Where stock figures for this channel are sent (https)." });
const BufferUnits = z.number().int().min(0).max(1_000_000).openapi({ description: "Units held back from what the channel is told." });
const BufferPercent = z.number().int().min(0).max(100).openapi({ description: "Percent of the stock held back from what the channel is told." });

export const Channel = z
  .object({
    id: z.string().openapi({ example: "ch_01J0000000000000000000000" }),
    code: z.string(),
    name: z.string(),
    kind: ChannelKind,
    active: z.boolean(),
    webhook_path: z.string().openapi({ description: "Where the channel posts its order webhooks, relative to this API's base URL." }),
    has_webhook_secret: z.boolean(),
    has_credentials: z.boolean(),
    inventory_url: z.string().nullable(),
    stock_buffer_units: z.number().int(),
    stock_buffer_percent: z.number().int(),
    created_at: z.number().int(),
    updated_at: z.number().int(),
  })
  .openapi("Channel");

export const ChannelInput = z
  .object({
    code: z.string().trim().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, "1–32 of a–z 0–9 _ -, starting with a letter or digit").openapi({ example: "shopify-eu" }),
    name: z.string().trim().min(1).max(200),
    kind: ChannelKind,
    active: z.boolean().default(true),
    webhook_secret: Secret.optional(),
    credentials: Credentials.optional(),
    inventory_url: InventoryUrl.optional(),
    stock_buffer_units: BufferUnits.default(0),
    stock_buffer_percent: BufferPercent.default(0),
  })
  .strict()
  .openapi("ChannelInput");

export const ChannelPatch = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    active: z.boolean().optional(),
    webhook_secret: Secret.nullable().optional(),
    credentials: Credentials.nullable().optional(),
    inventory_url: InventoryUrl.nullable().optional(),
    stock_buffer_units: BufferUnits.optional(),
    stock_buffer_percent: BufferPercent.optional(),
  })
  .strict()
  .openapi("ChannelPatch", { description: "Only the fields sent change; null clears a secret, the credentials or the inventory URL. Code and kind are fixed." });

export const SkuMapping = z
  .object({
    external_sku: z.string().trim().min(1).max(100).openapi({ description: "The channel's SKU (or `variant:<id>` / `product:<id>` for its items without one)." }),
    sku: z.string().openapi({ description: "Our SKU." }),
    external_inventory_id: z.string().max(100).nullable().optional().openapi({ description: "The channel's inventory item id, for stock updates." }),
  })
  .openapi("ChannelSkuMapping");

export const SkuMappingsInput = z
  .object({ mappings: z.array(SkuMapping.strict()).min(1).max(500) })
  .strict()
  .openapi("ChannelSkuMappingsInput");

export const EventStatus = z.enum(["received", "processed", "failed"]);

export const ChannelEvent = z
  .object({
    id: z.string(),
    channel_id: z.string(),
    delivery_id: z.string().openapi({ description: "The channel's id of the delivery (X-Shopify-Event-Id, X-WC-Webhook-Delivery-ID, webhook-id)." }),
    topic: z.string(),
    status: EventStatus,
    outcome: z.string().nullable().openapi({ description: "created, held, updated, unchanged, stale, cancelled, flagged, cancel_remembered, refused_cancelled, ignored…" }),
    error: z.string().nullable(),
    external_id: z.string().nullable(),
    order_id: z.string().nullable(),
    attempts: z.number().int(),
    received_at: z.number().int(),
    processed_at: z.number().int().nullable(),
  })
  .openapi("ChannelEvent");

export const ChannelEventWithPayload = ChannelEvent.extend({
  headers: z.record(z.string(), z.string()),
  payload: z.string().openapi({ description: "The body exactly as the channel sent it." }),
}).openapi("ChannelEventWithPayload");

export const WebhookAccepted = z
  .object({
    event_id: z.string().nullable(),
    status: z.string().openapi({ description: "received (queued for processing), or the stored status of a duplicate; ignored for topics we do not handle; ping." }),
    duplicate: z.boolean().optional(),
  })
  .openapi("ChannelWebhookAccepted");

export type ChannelInput = z.infer<typeof ChannelInput>;
export type ChannelPatch = z.infer<typeof ChannelPatch>;
