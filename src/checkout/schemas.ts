import { z } from "@hono/zod-openapi";
import { Address } from "../domain/address";
import { looksLikeCardNumber } from "../domain/payment";
import { LocationId, Sku } from "../inventory/schemas";
import { Currency } from "../orders/schemas";

export const PaymentInput = z
  .object({
    provider: z.string().trim().min(1).max(50).openapi({ example: "stripe", description: "The payment provider; `store_credit` pays with the customer's store credit (reference: the customer id, captured: true)." }),
    reference: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .refine((r) => !looksLikeCardNumber(r), "Card numbers are refused: send the payment provider's reference")
      .openapi({ example: "pi_3N8fK2LkdIwHu7ix" }),
    amount: z.number().int().min(0).max(10_000_000_000).openapi({ description: "Minor units; must equal the order total." }),
    captured: z.boolean().optional().openapi({ description: "true when the provider already captured the money (default false)." }),
  })
  .strict()
  .openapi("PaymentInput");

export const CheckoutInput = z
  .object({
    email: z.string().trim().toLowerCase().email().max(254),
    currency: Currency,
    lines: z
      .array(z.object({ sku: Sku, quantity: z.number().int().min(1).max(100_000) }).strict())
      .min(1)
      .max(100),
    shipping_address: Address.optional(),
    billing_address: Address.optional().openapi({ description: "Where the payment method is registered; fraud rules compare its country with the shipping country." }),
    pickup_location_id: LocationId.optional(),
    shipping_speed: z
      .enum(["standard", "express"])
      .optional()
      .openapi({ description: "How fast the shopper wants it (default standard): sets the ship-by promise and the carrier service." }),
    payment: PaymentInput.optional().openapi({
      description: "An authorization the storefront already has from its payment provider. Without it the order waits for payment.",
    }),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (!c.shipping_address === !c.pickup_location_id)
      ctx.addIssue({ code: "custom", path: ["shipping_address"], message: "Give either a shipping_address or a pickup_location_id" });
    const a = c.shipping_address;
    if (a && (a.latitude === undefined) !== (a.longitude === undefined))
      ctx.addIssue({ code: "custom", path: ["shipping_address", "latitude"], message: "Give latitude and longitude together" });
  })
  .openapi("CheckoutInput");

export type CheckoutInput = z.infer<typeof CheckoutInput>;
