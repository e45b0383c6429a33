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
