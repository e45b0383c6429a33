import { z } from "@hono/zod-openapi";

export const Sku = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "A SKU is 1–64 letters, digits, dots, underscores or dashes")
  .openapi({ example: "TEE-BLK-M" });

export const LocationId = z.string().min(1).max(64).openapi({ example: "loc_01JD5Z8W2Q8Q7X3V4N6M9K0P1R" });

// The reasons merchants report by; "other" needs a note.
export const MOVEMENT_REASONS = [
  "purchase_order",
  "transfer",
  "customer_return",
  "initial_stock",
  "damaged",
  "lost",
  "found",
  "correction",
  "cycle_count",
  "other",
] as const;

export const MovementInput = z
  .object({
    sku: Sku,
    location_id: LocationId,
    kind: z.enum(["receive", "adjust", "count"]).openapi({
      description: "receive: units arrived (quantity > 0); adjust: signed change; count: the on-hand counted (≥ 0).",
    }),
    quantity: z.number().int().min(-1_000_000_000).max(1_000_000_000),
    reason: z.enum(MOVEMENT_REASONS),
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    const bad = (message: string) => ctx.addIssue({ code: "custom", path: ["quantity"], message });
    if (m.kind === "receive" && m.quantity <= 0) bad("A receipt adds at least one unit");
    if (m.kind === "adjust" && m.quantity === 0) bad("An adjustment changes at least one unit");
    if (m.kind === "count" && m.quantity < 0) bad("A count cannot be negative");
    if (m.reason === "other" && !m.note) ctx.addIssue({ code: "custom", path: ["note"], message: "Say why when the reason is other" });
  })
  .openapi("MovementInput");

export const Level = z
  .object({
    sku: z.string(),
    location_id: z.string(),
    on_hand: z.number().int(),
    held: z.number().int().openapi({ description: "Reserved for orders waiting for payment; expires." }),
    committed: z.number().int().openapi({ description: "Belongs to paid orders until shipped." }),
    damaged: z
      .number()
      .int()
      .openapi({ description: "Units customers sent back damaged: at the location, never sellable, not part of on_hand." }),
    safety_stock: z.number().int(),
    available: z.number().int().openapi({ description: "on_hand − safety_stock − held − committed." }),
    low_stock_threshold: z.number().int().nullable(),
    allow_backorder: z.boolean(),
    backorder_limit: z.number().int().nullable().optional(),
    version: z.number().int(),
    updated_at: z.number().int(),
  })
  .openapi("InventoryLevel");

export const LedgerEntry = z
  .object({
    seq: z.number().int(),
    at: z.number().int(),
    op: z.enum(["receive", "adjust", "count", "reserve", "commit", "release", "expire", "fulfill", "replace", "configure", "return_damaged"]),
    ref: z.string().nullable(),
    reason: z.string().nullable(),
    on_hand_delta: z.number().int(),
    held_delta: z.number().int(),
    committed_delta: z.number().int(),
    damaged_delta: z.number().int(),
    on_hand: z.number().int(),
    held: z.number().int(),
    committed: z.number().int(),
    damaged: z.number().int(),
  })
  .openapi("LedgerEntry");

export const Movement = z.object({ entry: LedgerEntry, level: Level }).openapi("Movement");

export const HoldView = z
  .object({
    id: z.string(),
    ref: z.string(),
    quantity: z.number().int(),
    state: z.enum(["held", "committed", "released", "expired", "fulfilled"]),
    expires_at: z.number().int().nullable(),
    created_at: z.number().int(),
  })
  .openapi("Hold");

export const CellSettingsInput = z
  .object({
    safety_stock: z.number().int().min(0).max(1_000_000_000).optional(),
    low_stock_threshold: z.number().int().min(0).max(1_000_000_000).nullable().optional(),
    allow_backorder: z.boolean().optional(),
    backorder_limit: z.number().int().min(0).max(1_000_000_000).nullable().optional(),
  })
  .strict()
  .openapi("InventorySettingsInput");

export const CellPath = z.object({ location_id: LocationId, sku: Sku });
