import { z } from "@hono/zod-openapi";

export const StoreCreditEntry = z
  .object({
    id: z.string(),
    customer_id: z.string(),
    amount: z.number().int().openapi({ description: "Minor units: > 0 a credit (a lot), < 0 spent from the lot `lot_id`." }),
    currency: z.string(),
    expires_at: z.number().int().nullable().openapi({ description: "Credits: unix ms after which what is left of it cannot be spent; null: never." }),
    lot_id: z.string().nullable(),
    reason: z.enum(["refund", "redemption", "adjustment"]),
    ref: z.string().nullable().openapi({ description: "The refund a credit came from, the order a redemption paid." }),
    order_id: z.string().nullable(),
    created_at: z.number().int(),
  })
  .openapi("StoreCreditEntry");

export const StoreCredit = z
  .object({
    customer_id: z.string(),
    balances: z.array(
      z.object({
        currency: z.string(),
        balance: z.number().int().openapi({ description: "What can be spent now: credits not expired, minus what was spent of them." }),
        next_expiry: z.number().int().nullable().openapi({ description: "When the next credit with something left expires." }),
      }),
    ),
    entries: z.array(StoreCreditEntry).openapi({ description: "The latest 500 entries, newest first." }),
  })
  .openapi("StoreCredit");
