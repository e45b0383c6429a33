// A channel's order in one shape, whatever the channel (Shopify, WooCommerce, a marketplace, an import file). Pure.
import { z } from "@hono/zod-openapi";
import { CurrencyCode } from "./codes";

/** The payload cannot be read as an order: kept as failed with this message, replayable after a fix. */
export class PayloadError extends Error {}

export type FinancialStatus = "pending" | "authorized" | "paid" | "other";

export interface AddressCandidate {
  name?: string;
  line1?: string;
  line2?: string;
  city?: string;
  region?: string;
  postal_code?: string;
  country?: string;
  phone?: string;
  latitude?: number;
  longitude?: number;
}

export interface ChannelLine {
  /** The channel's SKU (or its variant id when the line has none); channel_skus maps it to ours. */
  externalSku: string;
  title: string;
  quantity: number;
  /** What the line costs after its discounts, before tax, in minor units. */
  amount: number;
}

export interface ChannelOrder {
  externalId: string;
  /** The channel's own order name, e.g. "#1001". */
  name: string | null;
  /** The channel's last-modified time (epoch ms), 0 when it sends none: orders its updates. */
  updatedAt: number;
  cancelled: boolean;
  cancelReason: string | null;
  email: string | null;
  currency: string;
  financialStatus: FinancialStatus;
  lines: ChannelLine[];
  shippingAddress: AddressCandidate | null;
  billingAddress: AddressCandidate | null;
  shippingTotal: number;
  taxTotal: number;
  /** What the channel charged. */
  total: number;
}

export type ChannelAction = { action: "upsert" | "cancel"; order: ChannelOrder } | { action: "ignore"; reason: string };

// ISO 4217 minor-unit exponents that are not 2.
const EXPONENT: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
};

/** "19.99" (or 19.99) in `currency` → 1999, without floating point; more decimals than the currency has are refused. */
export function toMinor(value: string | number | null | undefined, currency: string, field: string): number {
  if (value === null || value === undefined || value === "") return 0;
  const text = typeof value === "number" ? String(value) : value.trim();
  const m = text.match(/^(-?)(\d+)(?:\.(\d+))?$/);
  if (!m) throw new PayloadError(`${field}: "${text}" is not an amount`);
  const exp = EXPONENT[currency] ?? 2;
  const frac = (m[3] ?? "").replace(/0+$/, "");
  if (frac.length > exp) throw new PayloadError(`${field}: "${text}" has more decimals than ${currency} allows`);
  const minor = Number(m[2]) * 10 ** exp + Number(frac.padEnd(exp, "0") || 0);
  return m[1] ? -minor : minor;
}

/** An ISO timestamp (with or without zone; none means UTC as WooCommerce's *_gmt fields are) or epoch ms → epoch ms. */
export function toEpochMs(value: string | number | null | undefined): number {
  if (value === null || value === undefined || value === "") return 0;
  if (typeof value === "number") return value;
  const zoned = /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`;
  const ms = Date.parse(zoned);
  if (Number.isNaN(ms)) throw new PayloadError(`"${value}" is not a timestamp`);
  return ms;
}

/**
 * Our order lines need a whole unit price. A line of q units costing N (after discounts) becomes one line at N/q, or,
 * when N does not divide, two lines of the same SKU at ⌊N/q⌋ and ⌊N/q⌋+1, so the order adds up to the cent.
 */
export function unitLines<T extends { quantity: number; amount: number }>(line: T): (T & { unitPrice: number })[] {
  const base = Math.floor(line.amount / line.quantity);
  const rest = line.amount - base * line.quantity;
  if (rest === 0) return [{ ...line, unitPrice: base }];
  return [
    { ...line, quantity: line.quantity - rest, amount: base * (line.quantity - rest), unitPrice: base },
    { ...line, quantity: rest, amount: (base + 1) * rest, unitPrice: base + 1 },
  ];
}

const Money = z.number().int().min(0).max(10_000_000_000);
const Stamp = z.union([z.number().int().min(0), z.string().max(40)]);

/** Our own documented order shape: marketplaces send it (Standard Webhooks), and import files carry it. */
export const GenericOrder = z
  .object({
    id: z.union([z.string().trim().min(1).max(100), z.number().int().min(0)]).transform(String),
    name: z.string().max(100).optional(),
    updated_at: Stamp.optional().openapi({ description: "Epoch ms or ISO 8601; a later update replaces an earlier one, an older one is ignored." }),
    status: z.enum(["open", "cancelled"]).default("open"),
    cancel_reason: z.string().max(200).optional(),
    email: z.string().max(254).optional(),
    currency: CurrencyCode,
    financial_status: z.enum(["pending", "authorized", "paid"]).default("pending"),
    lines: z
      .array(
        z.object({
          sku: z.string().trim().min(1).max(100),
          title: z.string().max(200).optional(),
          quantity: z.number().int().min(1).max(100_000),
          unit_price: Money.openapi({ description: "Minor units, after discounts, before tax." }),
        }),
      )
      .min(1)
      .max(100),
    shipping_address: z.record(z.string(), z.unknown()).optional(),
    billing_address: z.record(z.string(), z.unknown()).optional(),
    shipping_total: Money.default(0),
    tax_total: Money.default(0),
    total: Money.optional().openapi({ description: "What the buyer was charged; lines + shipping + tax when absent." }),
  })
  .openapi("ChannelOrderDocument");
export type GenericOrder = z.input<typeof GenericOrder>;

/** A zod failure as one readable line: "lines.0.quantity: Too small". */
export const describeIssues = (error: z.ZodError) =>
  error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
    .join("; ");

export function genericOrder(doc: unknown): ChannelOrder {
  const parsed = GenericOrder.safeParse(doc);
  if (!parsed.success) throw new PayloadError(describeIssues(parsed.error));
  const o = parsed.data;
  const lines = o.lines.map((l) => ({ externalSku: l.sku, title: l.title ?? l.sku, quantity: l.quantity, amount: l.unit_price * l.quantity }));
  const subtotal = lines.reduce((t, l) => t + l.amount, 0);
  return {
    externalId: o.id,
    name: o.name ?? null,
    updatedAt: toEpochMs(o.updated_at),
    cancelled: o.status === "cancelled",
    cancelReason: o.cancel_reason ?? null,
    email: o.email ?? null,
    currency: o.currency,
    financialStatus: o.financial_status,
    lines,
    shippingAddress: (o.shipping_address as AddressCandidate | undefined) ?? null,
    billingAddress: (o.billing_address as AddressCandidate | undefined) ?? null,
    shippingTotal: o.shipping_total,
    taxTotal: o.tax_total,
    total: o.total ?? subtotal + o.shipping_total + o.tax_total,
  };
}

/** A Standard Webhooks delivery from a marketplace: { type: "order.created" | "order.updated" | "order.cancelled", data }. */
export function genericEvent(body: string): ChannelAction {
  const doc = parseJson(body) as { type?: unknown; data?: unknown };
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw new PayloadError("The body is not a JSON object");
  if (doc.type !== "order.created" && doc.type !== "order.updated" && doc.type !== "order.cancelled")
    return { action: "ignore", reason: `event type ${String(doc.type)} is not handled` };
  const order = genericOrder(doc.data);
  return { action: doc.type === "order.cancelled" || order.cancelled ? "cancel" : "upsert", order };
}

export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (err) {
    throw new PayloadError(`The body is not JSON: ${(err as Error).message}`);
  }
}
