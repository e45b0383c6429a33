// Shopify's refund webhook payload (REST Admin API, topic refunds/create) → a channel refund. Pure.
// A refund names line items and quantities (refund_line_items, each with the line item itself and how Shopify
// restocked it) and the money moved (transactions of kind refund). restock_type: return and legacy_restock put the
// units back on sale; no_restock keeps them out; cancel is a unit that never shipped (an order edit, not a return).
import { z } from "@hono/zod-openapi";
import { describeIssues, parseJson, PayloadError, toEpochMs, toMinor } from "../domain/channel-order";

export const SHOPIFY_REFUND_TOPICS = ["refunds/create"];

export interface ChannelRefundLine {
  /** The channel's SKU of the refunded line (mapped to ours like an order's lines). */
  externalSku: string;
  quantity: number;
  /** The channel put the units back on sale: they are received here as restocked. */
  restock: boolean;
}

export interface ChannelRefund {
  /** The channel's id of the refund: a redelivery, or a later refund of the same id, is the same refund. */
  externalId: string;
  /** The channel's id of the order refunded. */
  orderExternalId: string;
  createdAt: number;
  note: string | null;
  /** Returned units (shipped units sent back or refunded without coming back); never units cancelled before shipping. */
  lines: ChannelRefundLine[];
  /** Money the channel paid back, minor units; 0 when the refund moved none (a restock only). */
  amount: number;
  currency: string | null;
}

const Id = z.number().or(z.string());
const ShopifyRefund = z.object({
  id: Id,
  admin_graphql_api_id: z.string().nullish(),
  order_id: Id,
  created_at: z.string().nullish(),
  processed_at: z.string().nullish(),
  note: z.string().nullish(),
  restock: z.boolean().nullish(),
  refund_line_items: z
    .array(
      z.object({
        line_item_id: Id.nullish(),
        quantity: z.number().int().min(0),
        restock_type: z.string().nullish(),
        line_item: z.object({ sku: z.string().nullish(), variant_id: Id.nullish() }).nullish(),
      }),
    )
    .nullish(),
  transactions: z
    .array(z.object({ kind: z.string().nullish(), status: z.string().nullish(), amount: z.union([z.string(), z.number()]).nullish(), currency: z.string().nullish() }))
    .nullish(),
});

const RESTOCKED = new Set(["return", "legacy_restock"]);

export function shopifyRefund(body: string): ChannelRefund {
  const parsed = ShopifyRefund.safeParse(parseJson(body));
  if (!parsed.success) throw new PayloadError(`Not a Shopify refund: ${describeIssues(parsed.error)}`);
  const r = parsed.data;
  const moved = (r.transactions ?? []).filter((t) => (t.kind ?? "refund") === "refund" && (t.status ?? "success") === "success");
  const currency = moved.find((t) => t.currency)?.currency ?? null;
  const lines = (r.refund_line_items ?? [])
    .filter((l) => l.quantity > 0 && l.restock_type !== "cancel")
    .map((l) => ({
      // As the order's lines are read (src/domain/shopify-order.ts): the SKU, else the variant.
      externalSku: l.line_item?.sku?.trim() || `variant:${l.line_item?.variant_id ?? "none"}`,
      quantity: l.quantity,
      restock: l.restock_type ? RESTOCKED.has(l.restock_type) : r.restock === true,
    }));
  return {
    externalId: `shopify:${r.admin_graphql_api_id?.match(/\/(\d+)$/)?.[1] ?? String(r.id)}`,
    orderExternalId: String(r.order_id),
    createdAt: toEpochMs(r.processed_at ?? r.created_at),
    note: r.note ?? null,
    lines,
    amount: moved.reduce((t, x, i) => t + toMinor(x.amount, currency ?? "USD", `transactions.${i}.amount`), 0),
    currency,
  };
}
