import { z } from "@hono/zod-openapi";
import { RangeQuery } from "../analytics/schemas";

// extend keeps RangeQuery's check of the range (zod 4 carries refinements over).
export const DeliveryQuery = RangeQuery.extend({
  group_by: z.enum(["day", "carrier"]).default("day").openapi({ description: "day (default): one row per day, location, carrier and service; carrier: per carrier and service over the range." }),
  carrier: z.string().max(40).optional().openapi({ description: "Only this carrier." }),
  location_id: z.string().max(100).optional().openapi({ description: "Only shipments from this location." }),
});

export const DeliveryRow = z
  .object({
    day: z.string().nullable().openapi({ description: "UTC day the shipments were delivered; null grouped by carrier." }),
    location_id: z.string().nullable().openapi({ description: "Null grouped by carrier." }),
    carrier: z.string().openapi({ description: "'' for shipments recorded without a carrier." }),
    service: z.string(),
    delivered: z.number().int(),
    promised: z.number().int().openapi({ description: "Of which the order had a delivery promise." }),
    on_time: z.number().int().openapi({ description: "Of which delivered by the promise (the end of the promised day at the location)." }),
    on_time_rate: z.number().nullable().openapi({ description: "on_time / promised; null without a promise." }),
    transit_avg_ms: z.number().int().nullable().openapi({ description: "Average time from shipped to delivered." }),
    transit_p50_ms: z.number().int().nullable().openapi({ description: "Median transit of the day (nearest rank); null grouped by carrier." }),
    transit_p90_ms: z.number().int().nullable().openapi({ description: "90th percentile transit of the day; null grouped by carrier." }),
  })
  .openapi("DeliveryAnalyticsRow");
