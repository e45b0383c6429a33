// Which reader understands a channel's deliveries. Pure.
import { type ChannelAction, genericEvent } from "./channel-order";
import { shopifyEvent } from "./shopify-order";
import { wooEvent } from "./woo-order";

export const CHANNEL_KINDS = ["web", "shopify", "woocommerce", "marketplace", "pos", "wholesale"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** How a channel signs its webhooks: Shopify and WooCommerce their own way, every other kind per Standard Webhooks. */
export const signingOf = (kind: ChannelKind) => (kind === "shopify" || kind === "woocommerce" ? kind : "standard");

export function readChannelEvent(kind: ChannelKind, topic: string, body: string): ChannelAction {
  const signing = signingOf(kind);
  if (signing === "shopify") return shopifyEvent(topic, body);
  if (signing === "woocommerce") return wooEvent(topic, body);
  return genericEvent(body);
}
