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
    cancelled_quantity: z.number().int().openapi({ description: "Units of this line cancelled before they shipped." }),
    supply: z
      .enum(["stock", "backorder", "preorder"])
      .openapi({ description: "stock: from units on hand; backorder / preorder: sold beyond stock, allocated when stock arrives." }),
    available_on: z.number().int().nullable().openapi({ description: "Preorders: the release date." }),
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
    customer_id: z.string().nullable(),
    external_id: z.string().nullable().openapi({ description: "The order's id at its channel (marketplace, shop)." }),
    tags: z.array(z.string()),
    hold: z
      .object({
        kind: z.enum(["manual", "fraud_review", "address_verification", "payment_review", "channel_issue"]),
        reason: z.string().nullable(),
      })
      .nullable()
      .openapi({ description: "Why the order is on hold; an order on hold is never sent to fulfillment." }),
    risk: z
      .object({ score: z.number().int(), reasons: z.array(z.string()) })
      .nullable()
      .openapi({ description: "What fraud screening found at capture." }),
    billing_address: Address.nullable(),
    lines: z.array(OrderLine),
    payments: z.array(Payment),
    events: z.array(OrderEvent).openapi({ description: "The timeline, oldest first." }),
    version: z.number().int(),
    created_at: z.number().int(),
    updated_at: z.number().int(),
  })
  .openapi("Order");

export type OrderView = z.infer<typeof Order>;
