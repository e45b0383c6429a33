import { z } from "@hono/zod-openapi";
import { RETURN_REASONS } from "../domain/return";

export const DEFAULT_RETURN_POLICY = {
  window_days: 30,
  channel_window_days: {} as Record<string, number>,
  final_sale_skus: [] as string[],
  restocking_fee_percent: 0,
  return_shipping_fee: 0,
  auto_approve_reasons: [] as (typeof RETURN_REASONS)[number][],
  advance_exchange: false,
};

const Days = z.number().int().min(0).max(3650);

export const ReturnPolicy = z
  .object({
    window_days: Days.openapi({ description: "Days a shopper may ask for a return, counted from delivery (or shipment, when no delivery is known).", example: 30 }),
    channel_window_days: z
      .record(z.string().min(1).max(64), Days)
      .openapi({ description: "Another window for orders of these channels (channel id → days).", example: { ch_wholesale: 14 } }),
    final_sale_skus: z.array(z.string().min(1).max(128)).max(10_000).openapi({ description: "SKUs sold as final sale: never returnable by the shopper.", example: ["GIFT-CARD"] }),
    restocking_fee_percent: z
      .number()
      .min(0)
      .max(100)
      .openapi({ description: "Kept from the item refund of a returned unit, except for defective and wrong items.", example: 10 }),
    return_shipping_fee: z
      .number()
      .int()
      .min(0)
      .max(1_000_000)
      .openapi({ description: "Minor units kept once per refunded return for its label, except for defective and wrong items.", example: 495 }),
    auto_approve_reasons: z.array(z.enum(RETURN_REASONS)).openapi({ description: "A shopper's request whose every line has one of these reasons is approved at once.", example: ["defective"] }),
    advance_exchange: z.boolean().openapi({ description: "Exchanges ship at approval, before the returned units arrive." }),
  })
  .strict()
  .openapi("ReturnPolicy");
export type ReturnPolicyView = z.infer<typeof ReturnPolicy>;

export const StoredReturnPolicy = ReturnPolicy.extend({
  version: z.number().int().openapi({ description: "Grows with every change." }),
  updated_at: z.number().int().nullable().openapi({ description: "Unix ms of the last change; null while the defaults apply." }),
}).openapi("StoredReturnPolicy");
export type StoredReturnPolicyView = z.infer<typeof StoredReturnPolicy>;
