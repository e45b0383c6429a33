import { createRoute, z } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { commonProblems, json, jsonBody, page, PageQuery } from "../http/openapi";
import { Sku } from "../catalog/schemas";

const tags = ["Backorders"];

export const Backorder = z
  .object({
    hold_id: z.string(),
    order_id: z.string(),
    order_number: z.number().int(),
    sku: z.string(),
    location_id: z.string(),
    quantity: z.number().int().openapi({ description: "Units of the order at this location; they wait, and ship, together." }),
    short: z.number().int().openapi({ description: "Of those, units that were beyond stock when the order was placed." }),
    supply: z.enum(["backorder", "preorder"]),
    available_on: z.number().int().nullable().openapi({ description: "Preorders: the release date; not allocated before it." }),
    state: z.enum(["waiting", "allocated", "cancelled"]).openapi({ description: "allocated: the units are on hand and the order's fulfillment was started." }),
    ordered_at: z.number().int().openapi({ description: "The order's creation: its place in the queue (oldest first)." }),
    allocated_at: z.number().int().nullable(),
  })
  .openapi("Backorder");

export const listBackorders = createRoute({
  method: "get",
  path: "/v1/backorders",
  operationId: "listBackorders",
  tags,
  summary: "Units sold beyond stock, in queue order (oldest order first)",
  middleware: [...admin("orders:read")],
  request: {
    query: PageQuery.extend({
      sku: Sku.optional(),
      location_id: z.string().max(64).optional(),
      order_id: z.string().max(64).optional(),
      state: z.enum(["waiting", "allocated"]).optional(),
    }),
  },
  responses: { 200: json(page(Backorder, "BackorderPage"), "A page of backorders and preorders."), ...commonProblems },
});

export const allocateNow = createRoute({
  method: "post",
  path: "/v1/backorders/allocate",
  operationId: "allocateBackorders",
  tags,
  summary: "Allocate waiting orders of a SKU at a location from the stock on hand now",
  description:
    "Runs by itself when stock arrives and when a preorder's release date comes; call it after stock came back another " +
    "way (an order was cancelled). Oldest order first; preorders not before their release date.",
  middleware: [...admin("inventory:write")],
  request: { body: jsonBody(z.object({ sku: Sku, location_id: z.string().min(1).max(64) }).strict().openapi("AllocateBackordersInput")) },
  responses: {
    200: json(
      z.object({ allocated: z.array(z.object({ hold_id: z.string(), order_id: z.string(), quantity: z.number().int() })), next_release: z.number().int().nullable() }).openapi("BackorderAllocation"),
      "What was allocated, and the next preorder release date that waits only for its date.",
    ),
    ...commonProblems,
  },
});
