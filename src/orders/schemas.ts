import { RETURN_STATUSES } from "./return-status";
import { z } from "@hono/zod-openapi";
import { Address, ReceivedAddress } from "../domain/address";
import { MAX_TAGS, normalizeTags, tagProblem } from "../domain/tags";
import { Fulfillment } from "../fulfillment/schemas";

// ISO 4217, checked against the list (src/domain/codes.ts).
import { CurrencyCode } from "../domain/codes";
export const Currency = CurrencyCode;

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
    kind: z.enum(["authorization", "capture", "void", "refund"]),
    provider: z.string(),
    reference: z.string(),
    amount: z.number().int(),
    currency: z.string(),
    status: z.enum(["requested", "succeeded", "failed", "manual"]).openapi({
      description:
        "At the provider. Refunds and voids we send start `requested` and count as done once the provider confirms " +
        "(`succeeded`) or refuses (`failed`); `manual`: no adapter for this provider, carry it out there.",
    }),
    provider_id: z.string().nullable().openapi({ description: "The provider's own id for it (Stripe re_…), once known." }),
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
    payment_status: z.enum(["pending", "authorized", "partially_paid", "paid", "partially_refunded", "refunded", "voided", "expired"]),
    fulfillment_status: z.enum(["unfulfilled", "partial", "fulfilled", "delivered"]),
    return_status: z.enum(RETURN_STATUSES).openapi({ description: "From the order's returns: in_progress while one is open, requested while one waits, returned once all are closed." }),
    currency: z.string(),
    subtotal: z.number().int(),
    shipping_total: z.number().int(),
    tax_total: z.number().int(),
    total: z.number().int(),
    email: z.string(),
    shipping_address: z
      .union([Address, ReceivedAddress])
      .nullable()
      .openapi({ description: "Null for pickup. An Address, except on a channel order held because its address could not be used." }),
    pickup_location_id: z.string().nullable(),
    payment_due_by: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "While payment is pending: when the held stock goes back and the order is cancelled." }),
    cancel_reason: z.string().nullable(),
    shipping_speed: z.enum(["standard", "express", "pickup"]),
    ship_by: z.number().int().nullable().openapi({ description: "When we promised to ship (or have it ready for pickup)." }),
    promised_delivery_at: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "The delivery promised at checkout: the end of the estimated delivery day at the shipping location (ms); null without a transit time to the address, and for pickup." }),
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

/** An order in a list: everything but its lines, payments and timeline. */
export const OrderSummary = Order.omit({ lines: true, payments: true, events: true }).openapi("OrderSummary");
export type OrderSummaryView = z.infer<typeof OrderSummary>;

export const OrderNote = z
  .object({
    id: z.string(),
    author: z.string().openapi({ description: "Who wrote it: api_key:<id>." }),
    body: z.string(),
    created_at: z.number().int(),
  })
  .openapi("OrderNote");

/** What staff see of one order: the Order plus its shipments and internal notes (never shown to shoppers). */
export const OrderDetail = Order.extend({
  fulfillments: z.array(Fulfillment).openapi({ description: "Shipments, one per shipping location, oldest first." }),
  notes: z.array(OrderNote).openapi({ description: "Internal notes, oldest first." }),
}).openapi("OrderDetail");
export type OrderDetailView = z.infer<typeof OrderDetail>;

const ExpectedVersion = z
  .number()
  .int()
  .min(1)
  .openapi({ description: "The order's `version` this change was made against; 409 order_changed when the order has changed since." });

export const TagList = z
  .array(z.string().max(200))
  .max(100)
  .superRefine((tags, ctx) => {
    tags.forEach((t, i) => {
      const problem = tagProblem(t);
      if (problem) ctx.addIssue({ code: "custom", path: [i], message: problem });
    });
    if (normalizeTags(tags).length > MAX_TAGS) ctx.addIssue({ code: "custom", message: `At most ${MAX_TAGS} tags per order` });
  })
  .transform(normalizeTags);

export const SetTagsInput = z
  .object({
    tags: TagList.openapi({ description: `The order's tags from now on: lower-cased, trimmed, without duplicates; at most ${MAX_TAGS}.` }),
    expected_version: ExpectedVersion,
  })
  .strict()
  .openapi("SetTagsInput");

export const AddNoteInput = z
  .object({ body: z.string().trim().min(1).max(5000), expected_version: ExpectedVersion })
  .strict()
  .openapi("AddNoteInput");
