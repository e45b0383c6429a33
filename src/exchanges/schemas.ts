import { z } from "@hono/zod-openapi";

const Money = z.number().int().min(0).max(10_000_000_000);

export const ExchangeInput = z
  .object({
    items: z
      .array(
        z
          .object({
            sku: z.string().trim().min(1).max(64),
            quantity: z.number().int().min(1).max(1000),
            unit_price: Money.optional().openapi({ description: "Minor units per unit; defaults to the variant's price." }),
          })
          .strict(),
      )
      .min(1)
      .max(50),
    location_id: z.string().min(1).max(64).optional().openapi({ description: "Ship the replacement from this location only." }),
  })
  .strict()
  .openapi("ExchangeInput");

export const ExchangePaymentInput = z
  .object({
    provider: z.string().trim().min(1).max(64),
    reference: z.string().trim().min(1).max(200),
    amount: Money.openapi({ description: "Must equal the exchange's difference." }),
  })
  .strict()
  .openapi("ExchangePaymentInput");

export const Exchange = z
  .object({
    id: z.string(),
    return_id: z.string(),
    order_id: z.string(),
    state: z.enum(["pending", "reserved", "awaiting_payment", "shipped", "cancelled"]).openapi({
      description:
        "pending: the return is not approved yet, nothing reserved; reserved: the new units are held; awaiting_payment: " +
        "ready to send, the shopper owes the difference; shipped: the replacement shipment was created (it then moves " +
        "like any fulfillment); cancelled: the return was declined or cancelled, the units went back.",
    }),
    location_id: z.string().nullable(),
    items: z.array(
      z.object({
        line_id: z.string().openapi({ description: "The order line the item becomes once sent." }),
        sku: z.string(),
        title: z.string(),
        quantity: z.number().int(),
        unit_price: z.number().int(),
        total: z.number().int(),
        reserved: z.array(z.object({ location_id: z.string(), quantity: z.number().int() })),
      }),
    ),
    returned_value: z.number().int().openapi({ description: "What the returned units were paid (their lines' totals per unit)." }),
    new_value: z.number().int(),
    difference: z.number().int().openapi({ description: "new − returned: positive, the shopper owes it; negative, refunded when the replacement is sent." }),
    currency: z.string(),
    payment_id: z.string().nullable(),
    fulfillment_ids: z.array(z.string()),
    version: z.number().int(),
    created_at: z.number().int(),
    updated_at: z.number().int(),
    reserved_at: z.number().int().nullable(),
    shipped_at: z.number().int().nullable(),
    cancelled_at: z.number().int().nullable(),
  })
  .openapi("Exchange");
export type ExchangeView = z.infer<typeof Exchange>;
