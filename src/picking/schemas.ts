import { z } from "@hono/zod-openapi";

export const PickListInput = z
  .object({
    mode: z.enum(["single", "batch"]).default("batch").openapi({ description: "single: one shipment; batch: up to max_shipments, each in its own tote." }),
    max_shipments: z.number().int().min(1).max(50).default(10).openapi({ description: "Totes on the cart, for a batch." }),
    ship_by_before: z.number().int().optional().openapi({ description: "Carrier cut-off (ms): only shipments promised to ship by then." }),
    carrier: z.string().min(1).max(40).optional().openapi({ description: "Only shipments of this carrier (the one its label chose)." }),
    speed: z.enum(["express", "standard"]).optional().openapi({ description: "Only shipments of this shipping speed." }),
    fulfillment_ids: z.array(z.string().min(1).max(100)).min(1).max(50).optional().openapi({ description: "Only these shipments (those still pending and free)." }),
  })
  .strict()
  .openapi("PickListInput");

export const PICK_OUTCOMES = ["picked", "short", "not_found"] as const;

export const PickLine = z
  .object({
    fulfillment_line_id: z.string(),
    fulfillment_id: z.string(),
    tote: z.number().int(),
    sku: z.string(),
    title: z.string().nullable(),
    bin: z.string().nullable().openapi({ description: "The SKU's bin at this location; null when it has none (such lines come last)." }),
    walk_order: z.number().int().nullable(),
    quantity: z.number().int(),
    picked: z.number().int().nullable().openapi({ description: "Units confirmed into the tote; null until the line is confirmed." }),
    short: z.number().int().nullable(),
    outcome: z.enum(PICK_OUTCOMES).nullable(),
  })
  .openapi("PickLine");

export const PickListShipment = z
  .object({
    fulfillment_id: z.string(),
    order_id: z.string(),
    order_number: z.number().int(),
    tote: z.number().int(),
    shipping_speed: z.string().nullable(),
    ship_by: z.number().int().nullable(),
    status: z.string().openapi({ description: "The fulfillment's status." }),
  })
  .openapi("PickListShipment");

export const PickList = z
  .object({
    id: z.string(),
    location_id: z.string(),
    mode: z.enum(["single", "batch"]),
    status: z.enum(["open", "done"]),
    created_by: z.string(),
    created_at: z.number().int(),
    completed_at: z.number().int().nullable(),
    shipments: z.array(PickListShipment).openapi({ description: "Express first, then by ship-by; tote numbers follow this order." }),
    lines: z.array(PickLine).openapi({ description: "In bin walk order; SKUs without a bin last, by SKU." }),
  })
  .openapi("PickList");

export const PickInput = z
  .object({
    fulfillment_line_id: z.string().min(1).max(100).optional(),
    sku: z.string().min(1).max(100).optional().openapi({ description: "With `tote`, instead of fulfillment_line_id." }),
    tote: z.number().int().min(1).optional(),
    outcome: z.enum(PICK_OUTCOMES).default("picked").openapi({ description: "picked: every unit; short: fewer (quantity says how many); not_found: none." }),
    quantity: z.number().int().min(0).optional().openapi({ description: "Units picked into the tote; by default all of the line for `picked`, 0 for `not_found`." }),
  })
  .strict()
  .refine((p) => p.fulfillment_line_id || (p.sku && p.tote), { message: "Name the line: fulfillment_line_id, or sku and tote", path: ["fulfillment_line_id"] })
  .openapi("PickInput");

export const PickResult = z
  .object({
    pick: z.object({
      id: z.string(),
      fulfillment_line_id: z.string(),
      fulfillment_id: z.string(),
      sku: z.string(),
      tote: z.number().int(),
      outcome: z.enum(PICK_OUTCOMES),
      picked: z.number().int(),
      short: z.number().int(),
      count_task_id: z.string().nullable().openapi({ description: "The cell's open count task, raised by a short pick." }),
      order_on_hold: z.boolean().openapi({ description: "A short pick holds the order (hold reason short_pick) until someone decides." }),
    }),
    pick_list: PickList,
  })
  .openapi("PickResult");
