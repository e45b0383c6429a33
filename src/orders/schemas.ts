import { z } from "@hono/zod-openapi";
import { Address } from "../domain/address";

export const Currency = z.string().regex(/^[A-Z]{3}$/, "Use an ISO 4217 code, e.g. EUR").openapi({ example: "EUR" });

export const OrderLine = z
  .object({
    id: z.string(),
    sku: z.string(),
    title: z.string(),
    quantity: z.number().int(),
    unit_price: z.number().int().openapi({ description: "Minor units." }),
    total: z.number().int(),
    allocations: z.array(z.object({ location_id: z.string(), quantity: z.number().int() })),
  })
  .openapi("OrderLine");

export const Payment = z
  .object({
    id: z.string(),
    kind: z.enum(["authorization", "capture", "void"]),
    provider: z.string(),
    reference: z.string(),
    amount: z.number().int(),
    currency: z.string(),
    created_at: z.number().int(),
  })
  .openapi("Payment");

export const OrderEvent = z
  .object({
    id: z.string(),
    type: z.string(),
    actor: z.string(),
    data: z.record(z.string(), z.unknown()).nullable(),
    created_at: z.number().int(),
  })
  .openapi("OrderEvent");

export const Order = z
  .object({
    id: z.string(),
    number: z.number().int().openapi({ description: "Human order number, for customers and staff." }),
    channel_id: z.string(),
    status: z.enum(["open", "on_hold", "completed", "cancelled"]),
    payment_status: z.enum(["pending", "authorized", "partially_paid", "paid", "voided", "expired"]),
    fulfillment_status: z.enum(["unfulfilled", "partial", "fulfilled", "delivered"]),
    currency: z.string(),
    subtotal: z.number().int(),
    shipping_total: z.number().int(),
    tax_total: z.number().int(),
    total: z.number().int(),
    email: z.string(),
    shipping_address: Address.nullable(),
    pickup_location_id: z.string().nullable(),
    payment_due_by: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "While payment is pending: when the held stock goes back and the order is cancelled." }),
    cancel_reason: z.string().nullable(),
    shipping_speed: z.enum(["standard", "express", "pickup"]),
    ship_by: z.number().int().nullable().openapi({ description: "When we promised to ship (or have it ready for pickup)." }),
    lines: z.array(OrderLine),
    payments: z.array(Payment),
    events: z.array(OrderEvent).openapi({ description: "The timeline, oldest first." }),
    version: z.number().int(),
    created_at: z.number().int(),
    updated_at: z.number().int(),
  })
  .openapi("Order");

export type OrderView = z.infer<typeof Order>;
