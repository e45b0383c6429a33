import { createRoute, z } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { commonProblems, json } from "../http/openapi";
import { RangeQuery } from "../analytics/schemas";

const OrderAccuracyDay = z
  .object({
    day: z.string(),
    shipped: z.number().int().openapi({ description: "Shipments that left on the day." }),
    wrong_scans: z.number().int().openapi({ description: "Of them, packed after a refused scan (wrong item or surplus unit)." }),
    returned_wrong: z.number().int().openapi({ description: "Of them, returned for reason wrong_item." }),
    accurate: z.number().int().openapi({ description: "Shipped with neither." }),
    rate: z.number().openapi({ description: "accurate / shipped." }),
  })
  .openapi("OrderAccuracyDay");

const InventoryAccuracyDay = z
  .object({
    day: z.string(),
    location_id: z.string(),
    counts: z.number().int(),
    counted_units: z.number().int().openapi({ description: "Σ units the counts found." }),
    variance_units: z.number().int().openapi({ description: "Σ |counted − expected|." }),
    rate: z.number().openapi({ description: "1 − variance_units / counted_units, at least 0." }),
  })
  .openapi("InventoryAccuracyDay");

export const getAccuracy = createRoute({
  method: "get",
  path: "/v1/analytics/accuracy",
  operationId: "getAccuracyAnalytics",
  tags: ["Analytics"],
  summary: "Order accuracy per day, inventory accuracy per day and location",
  description:
    "Order accuracy: shipments shipped on the day without a refused pack scan and not returned for a wrong item, over " +
    "all shipped. Inventory accuracy: 1 − Σ|count variance| / Σ counted units of the counts recorded on the day. " +
    "Daily rollups kept by the cron; changes show within a few minutes. Scope `orders:read`.",
  middleware: [...admin("orders:read")],
  request: { query: z.object({ ...RangeQuery.shape, location_id: z.string().max(64).optional().openapi({ description: "Only this location." }) }) },
  responses: {
    200: json(z.object({ order_accuracy: z.array(OrderAccuracyDay), inventory_accuracy: z.array(InventoryAccuracyDay) }).openapi("AccuracyAnalytics"), "One row per day (and location) with events."),
    ...commonProblems,
  },
});
