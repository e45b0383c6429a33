// WooCommerce's order webhook payload (REST API v3 order, topics order.created / order.updated) → our shape.
import { z } from "@hono/zod-openapi";
import { type ChannelAction, type ChannelOrder, describeIssues, type FinancialStatus, parseJson, PayloadError, toEpochMs, toMinor } from "./channel-order";
import { clean } from "./shopify-order";

const Amount = z.union([z.string(), z.number()]).nullish();
const WooAddress = z
  .object({
    first_name: z.string().nullish(),
    last_name: z.string().nullish(),
    company: z.string().nullish(),
    address_1: z.string().nullish(),
    address_2: z.string().nullish(),
    city: z.string().nullish(),
    state: z.string().nullish(),
    postcode: z.string().nullish(),
    country: z.string().nullish(),
    email: z.string().nullish(),
    phone: z.string().nullish(),
  })
  .nullish();

const WooOrder = z.object({
  id: z.number().or(z.string()),
  number: z.string().or(z.number()).nullish(),
  status: z.string(),
  currency: z.string(),
  date_created_gmt: z.string().nullish(),
  date_modified_gmt: z.string().nullish(),
  date_paid_gmt: z.string().nullish(),
  total: Amount,
  total_tax: Amount,
  shipping_total: Amount,
  billing: WooAddress,
  shipping: WooAddress,
  line_items: z
    .array(
      z.object({
        name: z.string().nullish(),
        sku: z.string().nullish(),
        product_id: z.number().or(z.string()).nullish(),
        variation_id: z.number().or(z.string()).nullish(),
        quantity: z.number().int().min(0),
        total: Amount,
      }),
    )
    .min(1),
});

// Woo's statuses: processing and completed are paid; pending, on-hold (awaiting a transfer) and failed are not.
const FINANCIAL: Record<string, FinancialStatus> = { processing: "paid", completed: "paid", pending: "pending", "on-hold": "pending", failed: "pending" };

function address(a: z.infer<typeof WooAddress>) {
  if (!a || !(a.address_1 || a.city || a.postcode)) return null;
  return clean({
    name: [a.first_name, a.last_name].filter(Boolean).join(" ") || a.company,
    line1: a.address_1,
    line2: a.address_2,
    city: a.city,
    region: a.state,
    postal_code: a.postcode,
    country: a.country?.toUpperCase(),
    phone: a.phone,
  });
}

export function wooOrder(doc: unknown): ChannelOrder {
  const parsed = WooOrder.safeParse(doc);
  if (!parsed.success) throw new PayloadError(`Not a WooCommerce order: ${describeIssues(parsed.error)}`);
  const o = parsed.data;
  const cur = o.currency;
  const lines = o.line_items
    .filter((l) => l.quantity > 0)
    .map((l, i) => ({
      // Woo leaves sku empty for products without one; the product (and variation) id then names it.
      externalSku: l.sku?.trim() || `product:${l.product_id}${l.variation_id ? `:${l.variation_id}` : ""}`,
      title: l.name ?? l.sku ?? "Item",
      quantity: l.quantity,
      // line total is after coupons and before tax, whether or not the shop enters prices with tax
      amount: toMinor(l.total, cur, `line_items.${i}.total`),
    }));
  if (!lines.length) throw new PayloadError("Not a WooCommerce order: no line has a quantity");
  return {
    externalId: String(o.id),
    name: o.number === null || o.number === undefined ? null : `#${o.number}`,
    updatedAt: toEpochMs(o.date_modified_gmt ?? o.date_created_gmt),
    cancelled: o.status === "cancelled",
    cancelReason: o.status === "cancelled" ? "cancelled in WooCommerce" : null,
    email: o.billing?.email || null,
    currency: cur,
    financialStatus: FINANCIAL[o.status] ?? (o.date_paid_gmt ? "paid" : "other"),
    lines,
    shippingAddress: address(o.shipping) ?? address(o.billing),
    billingAddress: address(o.billing),
    shippingTotal: toMinor(o.shipping_total, cur, "shipping_total"),
    // total_tax covers the lines' and the shipping's tax
    taxTotal: toMinor(o.total_tax, cur, "total_tax"),
    total: toMinor(o.total, cur, "total"),
  };
}

export function wooEvent(topic: string, body: string): ChannelAction {
  if (topic !== "order.created" && topic !== "order.updated") return { action: "ignore", reason: `topic ${topic} is not handled` };
  const order = wooOrder(parseJson(body));
  return { action: order.cancelled ? "cancel" : "upsert", order };
}
