import { z } from "@hono/zod-openapi";
import { Address } from "../domain/address";
import { Sku } from "../inventory/schemas";

export const OrderPath = z.object({ id: z.string().min(1).max(64) });

const Reason = z.string().trim().min(1).max(500);
const Version = (what: string) => z.number().int().min(1).openapi({ description: `The order's \`version\` this change was made against: ${what}` });
const LineId = z.string().min(1).max(64);

export const CancelInput = z
  .object({
    reason: Reason.openapi({ example: "customer asked" }),
    lines: z
      .array(z.object({ line_id: LineId, quantity: z.number().int().min(1).max(100_000) }).strict())
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: "Units of some lines to cancel; the whole order when absent." }),
    expected_version: Version("when given and the order has changed since, 409 order_changed.").optional(),
  })
  .strict()
  .openapi("CancelInput");

export const HoldInput = z
  .object({
    kind: z.enum(["manual", "fraud_review", "address_verification", "payment_review"]),
    reason: Reason.optional(),
    expected_version: Version("when given and the order has changed since, 409 order_changed.").optional(),
  })
  .strict()
  .openapi("HoldInput");

export const ReleaseInput = z
  .object({
    note: Reason.optional().openapi({ description: "Why it may go on, e.g. what the review found." }),
    expected_version: Version("when given and the order has changed since, 409 order_changed.").optional(),
  })
  .strict()
  .openapi("ReleaseInput");

export const EditChange = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("set_quantity"), line_id: LineId, quantity: z.number().int().min(1).max(100_000) }).strict(),
    z.object({ type: z.literal("add_line"), sku: Sku, quantity: z.number().int().min(1).max(100_000) }).strict(),
    z.object({ type: z.literal("remove_line"), line_id: LineId }).strict(),
  ])
  .openapi("EditChange");

export const EditInput = z
  .object({
    expected_version: Version("required; 409 order_changed when the order has changed since."),
    changes: z.array(EditChange).max(100).default([]),
    shipping_address: Address.optional(),
    reason: Reason.optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (!e.changes.length && !e.shipping_address) ctx.addIssue({ code: "custom", path: ["changes"], message: "Give at least one change or a shipping_address" });
    const a = e.shipping_address;
    if (a && (a.latitude === undefined) !== (a.longitude === undefined))
      ctx.addIssue({ code: "custom", path: ["shipping_address", "latitude"], message: "Give latitude and longitude together" });
  })
  .openapi("EditInput");

export type EditInput = z.infer<typeof EditInput>;
