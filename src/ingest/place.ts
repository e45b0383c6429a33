// A channel's order through the same capture path as a checkout (validation, allocation, reservation, screening).
// What that path refuses is written anyway, on hold with the reason (held-order.ts).
import { placeCheckout } from "../checkout/service";
import { CheckoutInput } from "../checkout/schemas";
import type { ChannelRow } from "../channels/store";
import { type ChannelOrder, describeIssues, unitLines } from "../domain/channel-order";
import { Address } from "../domain/address";
import type { Env } from "../env";
import { Problem } from "../http/problem";
import type { OrderView } from "../orders/schemas";
import { loadOrder } from "../orders/store";
import { writeHeldOrder } from "./held-order";
import { isOrderTaken } from "../orders/write";

export interface OrderLineIn {
  sku: string;
  externalSku: string;
  title: string;
  quantity: number;
  unitPrice: number;
}

export interface PaymentIn {
  provider: string;
  reference: string;
  amount: number;
  captured: boolean;
}

export type Placed = { view: OrderView; outcome: "created" | "held" | "exists" };

/** The same channel order always has this checkout key: a unique column, so it never makes two orders. */
export const channelOrderKey = (channelId: string, externalId: string) => `channel:${channelId}:${externalId}`;

export const findChannelOrder = (db: D1Database, channelId: string, externalId: string) =>
  loadOrder(db, { checkoutKey: channelOrderKey(channelId, externalId) });

/** The channel's SKUs in ours: channel_skus where a mapping exists, else the channel's SKU is taken as ours. */
export async function ourSkus(db: D1Database, channelId: string, external: string[]) {
  const { results } = await db
    .prepare("SELECT external_sku, sku FROM channel_skus WHERE channel_id = ? AND external_sku IN (SELECT value FROM json_each(?))")
    .bind(channelId, JSON.stringify([...new Set(external)]))
    .all<{ external_sku: string; sku: string }>();
  return new Map(results.map((r) => [r.external_sku, r.sku]));
}

export function paymentOf(channel: Pick<ChannelRow, "kind">, order: ChannelOrder): PaymentIn | null {
  if (order.financialStatus !== "paid" && order.financialStatus !== "authorized") return null;
  return { provider: channel.kind, reference: order.externalId, amount: order.total, captured: order.financialStatus === "paid" };
}

/** Why an order would be refused before it reaches the capture path, as a checkout input if it would not. */
function asCheckout(order: ChannelOrder, lines: OrderLineIn[], payment: PaymentIn | null): { input: CheckoutInput } | { reason: string } {
  const counted = lines.reduce((t, l) => t + l.unitPrice * l.quantity, 0) + order.shippingTotal + order.taxTotal;
  if (counted !== order.total)
    return { reason: `channel_total_mismatch: the channel charged ${order.total}, lines + shipping + tax come to ${counted}` };
  if (order.financialStatus === "other") return { reason: "channel_payment_status: the channel reports a payment state we cannot take over (refunded, voided…)" };
  const candidate = {
    email: order.email ?? undefined,
    currency: order.currency,
    lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
    shipping_address: order.shippingAddress ?? undefined,
  };
  const parsed = CheckoutInput.safeParse(candidate);
  if (parsed.success) {
    // A billing address is only a fraud signal; one the channel sent incomplete is left out rather than holding the order.
    const billing = Address.safeParse(order.billingAddress);
    // The payment is ours, made from the channel's order id and total, so it skips the checks for what callers send:
    // a Shopify order id is a 13-digit number that passes the Luhn check one time in ten, and is no card number.
    return { input: { ...parsed.data, billing_address: billing.success ? billing.data : undefined, payment: payment ?? undefined } };
  }
  const first = parsed.error.issues[0]?.path ?? [];
  const code = first[0] === "lines" ? "unknown_sku" : first[0] === "shipping_address" ? "invalid_address" : first[0] === "email" ? "invalid_email" : "invalid_order";
  return { reason: `${code}: ${describeIssues(parsed.error)}` };
}

/** A refusal of the capture path as the reason staff read on the held order. */
function reasonOf(p: Problem): string {
  const shortages = p.extensions.shortages as { sku: string; requested: number; available: number }[] | undefined;
  const errors = p.extensions.errors as { field: string; message: string }[] | undefined;
  const detail = shortages?.length
    ? shortages.map((s) => `${s.sku}: ${s.requested} wanted, ${s.available} available`).join("; ")
    : errors?.length
      ? errors.map((e) => e.message).join("; ")
      : (p.detail ?? p.title);
  return `${p.code}: ${detail}`;
}

export async function placeChannelOrder(env: Env, channel: ChannelRow, order: ChannelOrder, waitUntil: (p: Promise<unknown>) => void): Promise<Placed> {
  const checkoutKey = channelOrderKey(channel.id, order.externalId);
  // One indexed lookup first: most orders are new, and only an existing one needs reading in full.
  if (await env.DB.prepare("SELECT 1 FROM orders WHERE checkout_key = ?").bind(checkoutKey).first()) {
    const existing = await loadOrder(env.DB, { checkoutKey });
    if (existing) return { view: existing.view, outcome: "exists" };
  }

  const skus = await ourSkus(env.DB, channel.id, order.lines.map((l) => l.externalSku));
  const lines: OrderLineIn[] = order.lines.flatMap(unitLines).map((l) => ({
    sku: skus.get(l.externalSku) ?? l.externalSku,
    externalSku: l.externalSku,
    title: l.title,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
  }));
  const payment = paymentOf(channel, order);
  const held = (reason: string): Promise<Placed> => writeHeldOrder(env, { channel, order, lines, checkoutKey, payment, reason });

  const attempt = asCheckout(order, lines, payment);
  if ("reason" in attempt) return held(attempt.reason);
  try {
    const view = await placeCheckout(
      {
        env,
        principal: { id: `channel:${channel.id}`, kind: "secret", scopes: [] },
        checkoutKey,
        waitUntil,
        channel: { id: channel.id, externalId: order.externalId, unitPrices: lines.map((l) => l.unitPrice), shippingTotal: order.shippingTotal, taxTotal: order.taxTotal },
      },
      attempt.input,
    );
    return { view, outcome: view.status === "on_hold" ? "held" : "created" };
  } catch (err) {
    // Placed meanwhile by a run that did not take turns with this one (an import beside a webhook, a lease that ran
    // out): ours gave back only its own stock, and what this delivery says is applied to that order instead.
    if (isOrderTaken(err)) {
      const existing = await loadOrder(env.DB, { checkoutKey });
      if (existing) return { view: existing.view, outcome: "exists" };
    }
    if (err instanceof Problem && err.status < 500) return held(reasonOf(err));
    throw err;
  }
}
