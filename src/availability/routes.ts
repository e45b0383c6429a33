import { createRoute, z } from "@hono/zod-openapi";
import { storefront } from "../http/auth";
import { commonProblems, json } from "../http/openapi";
import { Sku } from "../inventory/schemas";
import { CountryCode } from "../domain/codes";

// `?sku=A&sku=B` or `?sku=A,B`: both are what storefront code tends to send.
const SkuList = z
  .preprocess(
    (v) => (Array.isArray(v) ? v : [v]).flatMap((s) => String(s ?? "").split(",")).map((s) => s.trim()).filter(Boolean),
    z.array(Sku).min(1, "Ask for at least one SKU").max(100, "At most 100 SKUs per request"),
  )
  .openapi({ type: "array", items: { type: "string" }, description: "SKUs, repeated or comma-separated; 1 to 100." });

const LocationAvailability = z
  .object({
    location_id: z.string(),
    available: z.number().int(),
    can_ship: z.boolean(),
    can_pickup: z.boolean(),
    estimated_delivery: z
      .string()
      .nullable()
      .optional()
      .openapi({ description: "Only when `country` is asked: the day (YYYY-MM-DD, the location's time zone) a parcel ordered now from here arrives; null without a transit time to the destination, or for locations that do not ship.", example: "2026-07-03" }),
  })
  .openapi("LocationAvailability");

export const SkuAvailability = z
  .object({
    sku: z.string(),
    sellable: z.boolean().openapi({ description: "Known, active, and its product is active." }),
    available: z.number().int().openapi({ description: "Available to promise across all active locations." }),
    ship_available: z.number().int().openapi({ description: "Of which at locations that ship." }),
    backorderable: z.boolean().openapi({ description: "Some location takes orders beyond its stock." }),
    locations: z.array(LocationAvailability).openapi({ description: "Per location; pickup counters are those with can_pickup." }),
  })
  .openapi("SkuAvailability");

export const getAvailability = createRoute({
  method: "get",
  path: "/v1/availability",
  operationId: "getAvailability",
  tags: ["Storefront"],
  summary: "Available-to-promise for up to 100 SKUs, in total and per location",
  description: "Answered from the inventory read model, which trails the cells by milliseconds; checkout decides on the cells themselves.",
  middleware: [...storefront],
  request: {
    query: z.object({
      sku: SkuList,
      country: CountryCode.optional().openapi({ description: "Destination country: adds each location's estimated_delivery." }),
      postal_code: z.string().trim().max(20).optional().openapi({ description: "Destination postcode, narrows the transit zone." }),
      speed: z.enum(["standard", "express"]).default("standard").openapi({ description: "The shipping speed to estimate for." }),
    }),
  },
  responses: { 200: json(z.object({ data: z.array(SkuAvailability) }).openapi("Availability"), "One entry per SKU asked, in the order asked."), ...commonProblems },
});
