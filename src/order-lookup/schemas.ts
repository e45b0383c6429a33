import { z } from "@hono/zod-openapi";
import { TrackingEventView, TrackingStatusSchema } from "../tracking/schemas";

export const OrderLookupInput = z
  .object({
    number: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).openapi({ example: 1001 }),
    email: z.string().trim().toLowerCase().min(3).max(254).openapi({ example: "ada@example.com" }),
  })
  .strict()
  .openapi("OrderLookupInput");

/** What a shopper may see of their order: never payments, notes, risk, holds or other internal fields. */
export const OrderStatus = z
  .object({
    number: z.number().int(),
    status: z.enum(["open", "on_hold", "completed", "cancelled"]),
    fulfillment_status: z.enum(["unfulfilled", "partial", "fulfilled", "delivered"]),
    currency: z.string(),
    total: z.number().int(),
    created_at: z.number().int(),
    items: z.array(z.object({ sku: z.string(), title: z.string(), quantity: z.number().int(), cancelled_quantity: z.number().int() })),
    shipments: z.array(
      z.object({
        status: z.enum(["pending", "picking", "packed", "shipped", "delivered", "cancelled"]),
        carrier: z.string().nullable(),
        service: z.string().nullable(),
        tracking_number: z.string().nullable(),
        tracking_url: z.string().nullable(),
        shipped_at: z.number().int().nullable(),
        delivered_at: z.number().int().nullable(),
        items: z.array(z.object({ sku: z.string(), quantity: z.number().int() })),
        tracking_status: TrackingStatusSchema.nullable().openapi({ description: "The carrier's latest word, by the carrier's time; null before any." }),
        tracking_page_url: z.string().openapi({ description: "The shipment's public tracking page (unguessable link)." }),
        tracking_events: z.array(TrackingEventView).openapi({ description: "The tracking history, newest first." }),
      }),
    ),
  })
  .openapi("OrderStatus");
export type OrderStatusView = z.infer<typeof OrderStatus>;
