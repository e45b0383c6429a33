import { z } from "@hono/zod-openapi";
import { daysBetween } from "./days";

const MAX_DAYS = 366;
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Expected a date as YYYY-MM-DD")
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(d);
  }, "Not a calendar date");

const Range = z.object({
  from: Day.openapi({ description: "First day (UTC), inclusive.", example: "2026-07-01" }),
  to: Day.openapi({ description: "Last day (UTC), inclusive; at most 366 days after `from`.", example: "2026-07-31" }),
});

const withinRange = ({ from, to }: z.infer<typeof Range>, ctx: z.RefinementCtx) => {
  const span = daysBetween(from, to);
  if (span < 0) ctx.addIssue({ code: "custom", path: ["to"], message: "Must not be before from" });
  else if (span >= MAX_DAYS) ctx.addIssue({ code: "custom", path: ["to"], message: `The range spans at most ${MAX_DAYS} days` });
};

export const RangeQuery = Range.superRefine(withinRange);

export const OrdersQuery = Range.extend({
  channel_id: z.string().max(64).optional().openapi({ description: "Only this channel." }),
}).superRefine(withinRange);

export const OrdersDay = z
  .object({
    day: z.string().openapi({ example: "2026-07-01" }),
    channel_id: z.string(),
    currency: z.string(),
    orders: z.number().int().openapi({ description: "Orders placed, cancelled ones included." }),
    units: z.number().int().openapi({ description: "Units ordered, cancelled orders excluded." }),
    revenue: z.number().int().openapi({ description: "Sum of order totals in minor units, cancelled orders excluded." }),
    average_order_value: z.number().int().nullable().openapi({ description: "revenue / orders not cancelled, rounded; null without any." }),
    cancellations: z.number().int().openapi({ description: "Orders placed that day that are cancelled now." }),
  })
  .openapi("AnalyticsOrdersDay");

export const FulfillmentDay = z
  .object({
    day: z.string(),
    shipped: z.number().int().openapi({ description: "Shipments that left that day." }),
    lead_time_p50_ms: z.number().int().nullable().openapi({ description: "Order placed to shipped, median (nearest rank)." }),
    lead_time_p90_ms: z.number().int().nullable().openapi({ description: "Order placed to shipped, 90th percentile (nearest rank)." }),
    on_time_rate: z.number().openapi({ description: "Share of shipments that left by the order's ship-by promise, 0 to 1." }),
  })
  .openapi("AnalyticsFulfillmentDay");

export const LocationDay = z
  .object({ day: z.string(), location_id: z.string(), units_shipped: z.number().int() })
  .openapi("AnalyticsLocationDay");

export const list = <T extends z.ZodType>(item: T, name: string) => z.object({ data: z.array(item) }).openapi(name);

export const RETURN_GROUPS = ["day", "sku", "reason", "channel"] as const;

export const ReturnsQuery = Range.extend({
  group_by: z.enum(RETURN_GROUPS).default("day").openapi({ description: "One row per day (default), SKU, reason or channel, summed over the range." }),
  channel_id: z.string().max(64).optional().openapi({ description: "Only this channel." }),
  sku: z.string().max(100).optional().openapi({ description: "Only this SKU." }),
}).superRefine(withinRange);

export const ReturnsRow = z
  .object({
    day: z.string().nullable().openapi({ description: "With group_by=day; else null." }),
    sku: z.string().nullable().openapi({ description: "With group_by=sku; else null." }),
    reason: z.string().nullable().openapi({ description: "With group_by=reason; else null." }),
    channel_id: z.string().nullable().openapi({ description: "With group_by=channel; else null." }),
    returned_units: z.number().int().openapi({ description: "Units of approved returns asked for in the range (a closed return's missing units excluded)." }),
    shipped_units: z.number().int().openapi({ description: "Units shipped in the range (for a reason: all units shipped)." }),
    return_rate: z.number().nullable().openapi({ description: "returned_units / shipped_units; null when nothing shipped." }),
    received_units: z.number().int().openapi({ description: "Of the returned units, received: restocked, damaged or held for inspection." }),
    restocked_units: z.number().int(),
    restock_rate: z.number().nullable().openapi({ description: "restocked_units / received_units; null when nothing was received." }),
  })
  .openapi("AnalyticsReturnsRow");

export const RefundsDay = z
  .object({
    day: z.string(),
    channel_id: z.string(),
    currency: z.string(),
    refunds: z.number().int().openapi({ description: "Refunds recorded that day, with or without a return." }),
    refund_value: z.number().int().openapi({ description: "Their total, minor units (store credit included)." }),
    store_credit_value: z.number().int().openapi({ description: "Of it, paid as store credit." }),
    return_refunds: z.number().int().openapi({ description: "Refunds of a return." }),
    request_to_refund_avg_ms: z.number().int().nullable().openapi({ description: "Return requested to refunded, mean; null without return refunds." }),
    request_to_refund_p50_ms: z.number().int().nullable().openapi({ description: "…median (nearest rank)." }),
    request_to_refund_p90_ms: z.number().int().nullable().openapi({ description: "…90th percentile (nearest rank)." }),
  })
  .openapi("AnalyticsRefundsDay");
