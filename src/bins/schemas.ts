import { z } from "@hono/zod-openapi";

export const BinInput = z
  .object({
    code: z.string().trim().min(1).max(40).openapi({ description: "The bin's label, e.g. A-03-2.", example: "A-03-2" }),
    walk_order: z.number().int().min(0).max(1_000_000).openapi({ description: "Where the bin comes on the picker's walk; lower first." }),
  })
  .strict()
  .openapi("BinInput");

export const Bin = z
  .object({ location_id: z.string(), sku: z.string(), code: z.string(), walk_order: z.number().int(), updated_at: z.number().int() })
  .openapi("Bin");

export const BinList = z.object({ data: z.array(Bin) }).openapi("BinList");
