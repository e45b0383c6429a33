import { z } from "@hono/zod-openapi";
import { Level } from "../inventory/schemas";

export const StripingInput = z
  .object({ stripes: z.number().int().min(2).max(16).openapi({ description: "Cells the SKU's stock at the location is spread across, its own included." }) })
  .strict()
  .openapi("StripingInput");

const StripeCell = z
  .object({
    stripe: z.number().int().openapi({ description: "0 is the SKU's own cell (receipts, counts and settings go there)." }),
    active: z.boolean().openapi({ description: "Takes reservations; a folded stripe only gives back units whose holds end." }),
    on_hand: z.number().int(),
    held: z.number().int(),
    committed: z.number().int(),
    available: z.number().int(),
  })
  .openapi("StripeCell");

export const Striping = z
  .object({
    sku: z.string(),
    location_id: z.string(),
    stripes: z.number().int().openapi({ description: "Stripes taking reservations; 1 when not striped." }),
    level: Level.openapi({ description: "What the SKU has at the location: the sum of its cells." }),
    cells: z.array(StripeCell),
  })
  .openapi("Striping");
