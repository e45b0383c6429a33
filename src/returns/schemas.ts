import { z } from "@hono/zod-openapi";
import { RETURN_REASONS, RETURN_SOURCES, RETURN_STATUSES } from "../domain/return";
import { REFUND_STATUSES } from "../refunds/status";

export const ReturnPath = z.object({ id: z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" }, example: "ret_01J..." }) });

const Reason = z.enum(RETURN_REASONS).openapi({ description: "Why it comes back (a fixed list, like Shopify's)." });

export const ReturnLineInput = z
  .object({
    order_line_id: z.string().min(1).max(64),
    quantity: z.number().int().min(1).max(100_000),
    reason: Reason,
    note: z.string().max(1000).optional(),
  })
  .strict();

export const ReturnRequestInput = z
  .object({
    lines: z.array(ReturnLineInput).min(1).max(250),
    note: z.string().max(2000).optional(),
    location_id: z.string().min(1).max(64).optional().openapi({ description: "Where the parcel comes back to; by default the location that shipped the first line." }),
    override_policy: z
      .boolean()
      .optional()
      .openapi({ description: "Staff only: accept units past the return window or sold as final sale (never more than shipped and not yet returned)." }),
  })
  .strict()
  .openapi("ReturnRequestInput", {
    example: { lines: [{ order_line_id: "line_01J...", quantity: 1, reason: "size_too_small" }], note: "Customer called" },
  });

export const ShopperReturnInput = z
  .object({
    number: z.number().int().min(1),
    email: z.string().email().max(320),
    lines: z.array(ReturnLineInput).min(1).max(250),
    note: z.string().max(2000).optional(),
  })
  .strict()
  .openapi("ShopperReturnInput", {
    example: { number: 1001, email: "ada@example.com", lines: [{ order_line_id: "line_01J...", quantity: 1, reason: "defective", note: "Zip broke" }] },
  });

export const ShopperReturnableInput = z
  .object({ number: z.number().int().min(1), email: z.string().email().max(320) })
  .strict()
  .openapi("ShopperReturnableInput", { example: { number: 1001, email: "ada@example.com" } });

export const DeclineInput = z
  .object({
    reason: z.enum(["outside_window", "final_sale", "not_eligible", "used_or_damaged", "other"]).openapi({ description: "Why staff said no." }),
    note: z.string().max(2000).optional(),
    expected_version: z.number().int().optional(),
  })
  .strict()
  .openapi("ReturnDeclineInput", { example: { reason: "outside_window", note: "Delivered 90 days ago" } });

export const ReturnActionInput = z
  .object({ note: z.string().max(2000).optional(), expected_version: z.number().int().optional() })
  .strict()
  .openapi("ReturnActionInput", { example: { note: "Approved by phone" } });

export const ReturnLine = z
  .object({
    id: z.string(),
    order_line_id: z.string(),
    sku: z.string(),
    quantity: z.number().int(),
    reason: Reason,
    note: z.string().nullable(),
    restocked: z.number().int().openapi({ description: "Units received and put back on sale." }),
    damaged: z.number().int().openapi({ description: "Units received not sellable." }),
    inspecting: z.number().int().openapi({ description: "Units received and held aside until decided." }),
    missing: z.number().int().openapi({ description: "Units never sent back (set at close)." }),
    refunded: z.number().int().openapi({ description: "Units whose money has been refunded." }),
  })
  .openapi("ReturnLine");

export const Return = z
  .object({
    id: z.string(),
    rma: z.string().openapi({ description: "R-<order number>-<n>.", example: "R-1001-1" }),
    order_id: z.string(),
    order_number: z.number().int(),
    source: z.enum(RETURN_SOURCES),
    status: z.enum(RETURN_STATUSES),
    location_id: z.string().nullable(),
    note: z.string().nullable(),
    decline_reason: z.string().nullable(),
    decline_note: z.string().nullable(),
    external_id: z.string().nullable(),
    lines: z.array(ReturnLine),
    refund_status: z
      .enum(REFUND_STATUSES)
      .openapi({ description: "From its refunds' payments: none, pending (the provider has not confirmed), refunded, refund_failed (the provider refused: staff retry it)." }),
    version: z.number().int(),
    created_at: z.number().int(),
    updated_at: z.number().int(),
    approved_at: z.number().int().nullable(),
    closed_at: z.number().int().nullable(),
  })
  .openapi("Return");
export type ReturnView = z.infer<typeof Return>;

export const ReturnList = z.object({ data: z.array(Return), next_cursor: z.string().nullable() }).openapi("ReturnList");

export const ReturnListQuery = z.object({
  status: z.enum(RETURN_STATUSES).optional(),
  order_id: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});

export const ReturnableLine = z
  .object({
    order_line_id: z.string(),
    sku: z.string(),
    title: z.string(),
    ordered: z.number().int(),
    shipped: z.number().int(),
    claimed: z.number().int().openapi({ description: "Units in returns that still count (requested, open, closed)." }),
    returnable: z.number().int(),
    why_not: z.enum(["not_shipped", "already_returned", "final_sale", "window_over"]).nullable().openapi({ description: "Why nothing (more) can be returned; null when something can." }),
    window_ends_at: z.number().int().nullable(),
  })
  .openapi("ReturnableLine");

export const Returnable = z
  .object({ order_id: z.string(), order_number: z.number().int(), lines: z.array(ReturnableLine) })
  .openapi("Returnable");
export type ReturnableView = z.infer<typeof Returnable>;
