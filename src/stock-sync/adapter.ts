// The request a channel gets for one stock figure. Shopify gets the body of its inventory_levels/set call and its
// access token; every other channel gets our documented JSON, signed per Standard Webhooks with its webhook secret.
import { signatureHeaders } from "../webhooks/signature";

export interface ChannelTarget {
  id: string;
  kind: string;
  webhook_secret: string | null;
  credentials: string | null;
}

export interface StockDelivery {
  id: string;
  channel_id: string;
  external_sku: string;
  sku: string;
  sequence: number;
  available: number;
  created_at: number;
}

/** Our own shape: `sequence` grows per listing, so a receiver drops a figure older than one it already applied. */
export interface StockUpdateBody {
  channel_id: string;
  sku: string;
  external_sku: string;
  available: number;
  sequence: number;
  /** When the figure was decided, epoch ms. */
  at: number;
}

export type ChannelRequest = { ok: true; headers: Record<string, string>; body: string } | { ok: false; error: string };

export async function requestFor(channel: ChannelTarget, d: StockDelivery, externalInventoryId: string | null): Promise<ChannelRequest> {
  if (channel.kind === "shopify") return shopifyRequest(channel, d, externalInventoryId);
  if (!channel.webhook_secret) return { ok: false, error: "The channel has no webhook secret to sign stock updates with." };
  const body: StockUpdateBody = { channel_id: d.channel_id, sku: d.sku, external_sku: d.external_sku, available: d.available, sequence: d.sequence, at: d.created_at };
  const text = JSON.stringify(body);
  try {
    // The delivery id is the webhook-id on every attempt, so a receiver drops repeats.
    return { ok: true, headers: await signatureHeaders({ secret: channel.webhook_secret, id: d.id, timestamp: Math.floor(Date.now() / 1000), body: text }), body: text };
  } catch (err) {
    return { ok: false, error: err instanceof TypeError ? err.message : "The channel's webhook secret cannot sign." };
  }
}

/**
 * Shopify's inventory_levels/set: `{ location_id, inventory_item_id, available }`. The location and the access token
 * come from the channel's credentials (`{ "access_token": "shpat_…", "location_id": 123 }`), the inventory item from
 * the SKU mapping. Shopify ids may be given as numbers, digit strings or GraphQL gids.
 */
function shopifyRequest(channel: ChannelTarget, d: StockDelivery, externalInventoryId: string | null): ChannelRequest {
  const credentials = parseCredentials(channel.credentials);
  const token = typeof credentials.access_token === "string" ? credentials.access_token : null;
  const locationId = shopifyId(credentials.location_id);
  const itemId = shopifyId(externalInventoryId);
  if (!token) return { ok: false, error: "The Shopify channel's credentials have no access_token." };
  if (locationId === null) return { ok: false, error: "The Shopify channel's credentials have no numeric location_id." };
  if (itemId === null) return { ok: false, error: `The mapping of ${d.external_sku} has no numeric Shopify inventory item id.` };
  return {
    ok: true,
    headers: { "x-shopify-access-token": token },
    body: JSON.stringify({ location_id: locationId, inventory_item_id: itemId, available: d.available }),
  };
}

function parseCredentials(text: string | null): Record<string, unknown> {
  if (!text) return {};
  try {
    const value = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

export function shopifyId(value: unknown): number | null {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim().replace(/^gid:\/\/shopify\/\w+\//, "") : "";
  if (!/^[1-9]\d{0,15}$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}
