import { z } from "@hono/zod-openapi";
import { RETURN_REASONS } from "../domain/return";

export const RefundPath = z.object({ id: z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" }, example: "rfd_01J..." }) });

const Money = z.number().int().min(0).max(10_000_000_000);
const ShippingAsk = z
  .union([z.boolean(), Money])
  .optional()
  .openapi({ description: "true: all the shipping not refunded yet; a number: that much of it (never more than is left)." });
const StoreCreditAsk = {
  store_credit_amount: Money.optional().openapi({ description: "Of the refund's total, this much as store credit for the order's customer; the rest goes to the original payment." }),
  store_credit_expires_at: z.number().int().min(0).optional().openapi({ description: "Unix ms after which the store credit cannot be spent; by default it never expires." }),
};

export const ReturnRefundInput = z
  .object({
    lines: z
      .array(z.object({ return_line_id: z.string().min(1).max(64), quantity: z.number().int().min(1).max(100_000) }).strict())
      .min(1)
      .max(250)
      .optional()
      .openapi({
        description:
          "Units to refund. By default every unit received (restocked or damaged) and not refunded yet; units still held " +
          "for inspection are refunded only when named here.",
      }),
    refund_shipping: ShippingAsk,
    ...StoreCreditAsk,
    reason: z.string().max(200).optional(),
    note: z.string().max(2000).optional(),
  })
  .strict()
  .openapi("ReturnRefundInput", { example: { refund_shipping: true, store_credit_amount: 500 } });
export type ReturnRefundInput = z.infer<typeof ReturnRefundInput>;

export const OrderRefundInput = z
  .object({
    kind: z.enum(["goodwill", "price_adjustment", "shipping"]),
    amount: Money.min(1).optional().openapi({ description: "goodwill, price_adjustment: what to give back. shipping: how much of the shipping (default: all that is left)." }),
    refund_shipping: ShippingAsk,
    ...StoreCreditAsk,
    reason: z.string().max(200).optional(),
    note: z.string().max(2000).optional(),
  })
  .strict()
  .openapi("OrderRefundInput", { example: { kind: "goodwill", amount: 500, reason: "late delivery" } });
export type OrderRefundInput = z.infer<typeof OrderRefundInput>;

export const RetryRefundInput = z
  .object({
    to: z.enum(["original", "store_credit"]).default("original").openapi({ description: "Send it to the original payment again, or give it as store credit instead." }),
    store_credit_expires_at: StoreCreditAsk.store_credit_expires_at,
  })
  .strict()
  .openapi("RetryRefundInput");

const RefundLine = z
  .object({
    return_line_id: z.string(),
    order_line_id: z.string(),
    sku: z.string(),
    reason: z.enum(RETURN_REASONS),
    quantity: z.number().int(),
    amount: z.number().int().openapi({ description: "What these units were paid, after the order's discounts as allocated to the line." }),
    restocking_fee: z.number().int().openapi({ description: "Kept: the policy's percent of amount, waived for defective and wrong items." }),
  })
  .openapi("RefundLine");

const figures = {
  lines: z.array(RefundLine),
  items_amount: z.number().int(),
  tax_amount: z.number().int().openapi({ description: "The order's tax on these items: tax_total × items / subtotal, cumulative so refunding everything gives back exactly the tax." }),
  shipping_amount: z.number().int(),
  fee_amount: z.number().int().openapi({ description: "Kept in all: restocking fees and the return shipping fee." }),
  return_shipping_fee: z.number().int().openapi({ description: "Kept once per return, waived when a line's reason is the merchant's fault." }),
  total: z.number().int().openapi({ description: "items + tax + shipping − fees." }),
  original_amount: z.number().int().openapi({ description: "To the original payment, through the provider." }),
  store_credit_amount: z.number().int(),
};

export const RefundPreview = z
  .object({
    return_id: z.string(),
    order_id: z.string(),
    currency: z.string(),
    ...figures,
    restocking_fee: z.number().int(),
    max_refundable: z.number().int().openapi({ description: "Captured minus refunded so far (refunds the provider refused do not count)." }),
    shipping_refundable: z.number().int().openapi({ description: "Shipping paid and not refunded yet." }),
    within_captured: z.boolean().openapi({ description: "Whether total ≤ max_refundable: process refuses it otherwise (422 refund_exceeds_captured)." }),
  })
  .openapi("RefundPreview");
export type RefundPreviewView = z.infer<typeof RefundPreview>;

export const Refund = z
  .object({
    id: z.string(),
    order_id: z.string(),
    return_id: z.string().nullable(),
    kind: z.enum(["return", "goodwill", "price_adjustment", "shipping", "channel"]),
    status: z.enum(["pending", "refunded", "refund_failed"]).openapi({ description: "From the payment to the original payment: pending until the provider confirms; store credit is refunded at once." }),
    ...figures,
    currency: z.string(),
    reason: z.string().nullable(),
    note: z.string().nullable(),
    actor: z.string(),
    payment_id: z.string().nullable().openapi({ description: "The payments row (kind refund) to the original payment." }),
    store_credit_payment_id: z.string().nullable(),
    created_at: z.number().int(),
  })
  .openapi("Refund");
export type RefundView = z.infer<typeof Refund>;

export const RefundList = z.object({ data: z.array(Refund) }).openapi("RefundList");
