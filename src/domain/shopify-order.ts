// Shopify's order webhook payload (REST Admin API, topics orders/create, orders/updated, orders/cancelled) → our shape.
import { z } from "@hono/zod-openapi";
import { type AddressCandidate, type ChannelAction, type ChannelOrder, describeIssues, type FinancialStatus, parseJson, PayloadError, toEpochMs, toMinor } from "./channel-order";

const Amount = z.union([z.string(), z.number()]).nullish();
const Allocations = z.array(z.object({ amount: Amount })).nullish();

const ShopifyAddress = z
  .object({
    name: z.string().nullish(),
    first_name: z.string().nullish(),
    last_name: z.string().nullish(),
    address1: z.string().nullish(),
    address2: z.string().nullish(),
    city: z.string().nullish(),
    province_code: z.string().nullish(),
    province: z.string().nullish(),
    zip: z.string().nullish(),
    country_code: z.string().nullish(),
    phone: z.string().nullish(),
    latitude: z.number().nullish(),
    longitude: z.number().nullish(),
  })
  .nullish();

const ShopifyOrder = z.object({
  id: z.number().or(z.string()),
  admin_graphql_api_id: z.string().nullish(),
  name: z.string().nullish(),
  email: z.string().nullish(),
  contact_email: z.string().nullish(),
  customer: z.object({ email: z.string().nullish() }).nullish(),
  updated_at: z.string().nullish(),
  created_at: z.string().nullish(),
  cancelled_at: z.string().nullish(),
  cancel_reason: z.string().nullish(),
  currency: z.string(),
  financial_status: z.string().nullish(),
  taxes_included: z.boolean().nullish(),
  total_price: Amount,
  total_tax: Amount,
  line_items: z
    .array(
      z.object({
        sku: z.string().nullish(),
        variant_id: z.number().or(z.string()).nullish(),
        title: z.string().nullish(),
        name: z.string().nullish(),
        quantity: z.number().int().min(0),
        price: Amount,
        total_discount: Amount,
        discount_allocations: Allocations,
      }),
    )
    .min(1),
  shipping_lines: z.array(z.object({ price: Amount, discount_allocations: Allocations })).nullish(),
  shipping_address: ShopifyAddress,
  billing_address: ShopifyAddress,
});

const FINANCIAL: Record<string, FinancialStatus> = { pending: "pending", authorized: "authorized", paid: "paid", partially_paid: "authorized" };

function address(a: z.infer<typeof ShopifyAddress>): AddressCandidate | null {
  if (!a) return null;
  const name = a.name ?? [a.first_name, a.last_name].filter(Boolean).join(" ");
  return clean({
    name,
    line1: a.address1,
    line2: a.address2,
    city: a.city,
    region: a.province_code ?? a.province,
    postal_code: a.zip,
    country: a.country_code?.toUpperCase(),
    phone: a.phone,
    latitude: a.latitude,
    longitude: a.longitude,
  });
}

/** Drops empty fields, so the address check reports what is missing rather than what is blank. */
export function clean(a: Record<string, string | number | null | undefined>): AddressCandidate {
  return Object.fromEntries(Object.entries(a).filter(([, v]) => v !== null && v !== undefined && v !== "")) as AddressCandidate;
}

export function shopifyOrder(doc: unknown): ChannelOrder {
  const parsed = ShopifyOrder.safeParse(doc);
  if (!parsed.success) throw new PayloadError(`Not a Shopify order: ${describeIssues(parsed.error)}`);
  const o = parsed.data;
  const cur = o.currency;
  const sum = (list: z.infer<typeof Allocations>, field: string) => (list ?? []).reduce((t, d, i) => t + toMinor(d.amount, cur, `${field}.${i}`), 0);
  const lines = o.line_items
    .filter((l) => l.quantity > 0) // fully removed lines stay in the payload with quantity 0
    .map((l, i) => {
      // Line and order-level discounts are both spread over the lines in discount_allocations; older payloads only
      // have total_discount.
      const discount = l.discount_allocations?.length ? sum(l.discount_allocations, `line_items.${i}.discount_allocations`) : toMinor(l.total_discount, cur, `line_items.${i}.total_discount`);
      return {
        externalSku: l.sku?.trim() || `variant:${l.variant_id ?? "none"}`,
        title: l.name ?? l.title ?? l.sku ?? "Item",
        quantity: l.quantity,
        amount: toMinor(l.price, cur, `line_items.${i}.price`) * l.quantity - discount,
      };
    });
  if (!lines.length) throw new PayloadError("Not a Shopify order: no line has a quantity");
  const shipping = (o.shipping_lines ?? []).reduce((t, s, i) => t + toMinor(s.price, cur, `shipping_lines.${i}.price`) - sum(s.discount_allocations, `shipping_lines.${i}.discount_allocations`), 0);
  return {
    // Order ids can exceed 2^53; the GraphQL id carries them as text, so precision is never lost to JSON numbers.
    externalId: o.admin_graphql_api_id?.match(/\/(\d+)$/)?.[1] ?? String(o.id),
    name: o.name ?? null,
    updatedAt: toEpochMs(o.updated_at ?? o.created_at),
    cancelled: !!o.cancelled_at,
    cancelReason: o.cancel_reason ?? null,
    email: o.email || o.contact_email || o.customer?.email || null,
    currency: cur,
    financialStatus: FINANCIAL[o.financial_status ?? ""] ?? "other",
    lines,
    shippingAddress: address(o.shipping_address),
    billingAddress: address(o.billing_address),
    shippingTotal: shipping,
    // With taxes included in the prices, the tax is already in the lines; adding it again would overstate the total.
    taxTotal: o.taxes_included ? 0 : toMinor(o.total_tax, cur, "total_tax"),
    total: toMinor(o.total_price, cur, "total_price"),
  };
}

const TOPICS: Record<string, "upsert" | "cancel"> = {
  "orders/create": "upsert",
  "orders/updated": "upsert",
  "orders/paid": "upsert",
  "orders/cancelled": "cancel",
};

export const SHOPIFY_TOPICS = Object.keys(TOPICS);

export function shopifyEvent(topic: string, body: string): ChannelAction {
  const action = TOPICS[topic];
  if (!action) return { action: "ignore", reason: `topic ${topic} is not handled` };
  const order = shopifyOrder(parseJson(body));
  return { action: order.cancelled ? "cancel" : action, order };
}
