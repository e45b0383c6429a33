// WooCommerce has no refund webhook: its order.updated payload lists the order's refunds ({ id, reason, total }, the
// total negative) and nothing more, neither lines nor restocking. Each refund listed there becomes a refund of kind
// channel here, once (named by Woo's refund id); with no lines there is no return to record, and WooCommerce's own
// restock moves its own stock, not ours. Pure reading here; recording is record.ts's.
import { z } from "@hono/zod-openapi";
import { toMinor } from "../domain/channel-order";
import type { ChannelRefund } from "./shopify-refund";

const WooRefunds = z.object({
  id: z.number().or(z.string()),
  currency: z.string(),
  refunds: z.array(z.object({ id: z.number().or(z.string()), reason: z.string().nullish(), total: z.union([z.string(), z.number()]).nullish() })).nullish(),
});

/** The refunds a WooCommerce order payload lists; none when it lists none or is not an order. */
export function wooListedRefunds(body: string): ChannelRefund[] {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    return [];
  }
  const parsed = WooRefunds.safeParse(doc);
  if (!parsed.success) return [];
  const o = parsed.data;
  return (o.refunds ?? []).map((r, i) => ({
    externalId: `woocommerce:${r.id}`,
    orderExternalId: String(o.id),
    createdAt: 0,
    note: r.reason || null,
    lines: [],
    amount: Math.abs(toMinor(r.total, o.currency, `refunds.${i}.total`)),
    currency: o.currency,
  }));
}
