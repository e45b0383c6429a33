import { z } from "@hono/zod-openapi";

export const FULFILLMENT_STATES = ["pending", "picking", "packed", "shipped", "delivered", "cancelled"] as const;

export const Parcel = z
  .object({
    weight_grams: z.number().int().min(1).max(70_000),
    length_cm: z.number().int().min(1).max(300),
    width_cm: z.number().int().min(1).max(300),
    height_cm: z.number().int().min(1).max(300),
  })
  .strict()
  .openapi("Parcel");

export const FulfillmentLine = z.object({ id: z.string(), order_line_id: z.string(), sku: z.string(), quantity: z.number().int() });

export const Fulfillment = z
  .object({
    id: z.string(),
    order_id: z.string(),
    location_id: z.string(),
    status: z.enum(FULFILLMENT_STATES),
    carrier: z.string().nullable(),
    service: z.string().nullable(),
    tracking_number: z.string().nullable(),
    tracking_url: z.string().nullable(),
    shipping_cost: z.number().int().nullable(),
    parcel: Parcel.nullable(),
    shipped_at: z.number().int().nullable(),
    delivered_at: z.number().int().nullable(),
    lines: z.array(FulfillmentLine),
    version: z.number().int(),
    created_at: z.number().int(),
    updated_at: z.number().int(),
  })
  .openapi("Fulfillment");

export const FulfillmentSummary = Fulfillment.omit({ lines: true }).openapi("FulfillmentSummary");

const name = z.string().trim().min(1).max(100);

export const ShipInput = z
  .object({
    carrier: name.optional().openapi({ description: "Required unless the label job already chose the carrier." }),
    service: name.optional().openapi({ description: "Required unless the label job already chose the service." }),
    tracking_number: z.string().trim().min(1).max(100),
  })
  .strict()
  .openapi("ShipInput");

export const CancelFulfillmentInput = z
  .object({ reason: z.string().trim().min(1).max(500).optional() })
  .strict()
  .openapi("CancelFulfillmentInput");

export type FulfillmentView = z.infer<typeof Fulfillment>;
