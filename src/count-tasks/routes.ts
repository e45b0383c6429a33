import { createRoute, z } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { commonProblems, json, page, PageQuery } from "../http/openapi";

export const CountTask = z
  .object({
    id: z.string(),
    location_id: z.string(),
    sku: z.string(),
    reason: z.string().openapi({ description: "Why the cell is to be counted, e.g. short_pick." }),
    status: z.enum(["open", "done"]),
    source: z.string().nullable().openapi({ description: "What raised it, e.g. the pick list and shipment." }),
    counted: z.number().int().nullable().openapi({ description: "Units the closing count found." }),
    variance: z.number().int().nullable().openapi({ description: "The closing count's change of on-hand (counted − expected)." }),
    created_at: z.number().int(),
    closed_at: z.number().int().nullable(),
  })
  .openapi("CountTask");

export const listCountTasks = createRoute({
  method: "get",
  path: "/v1/count-tasks",
  operationId: "listCountTasks",
  tags: ["Inventory"],
  summary: "Cells to count, newest first",
  description:
    "Raised by a short pick. A count of the cell (POST /v1/inventory/movements, kind `count`) closes its open task " +
    "with the variance. Needs `inventory:read`.",
  middleware: [...admin("inventory:read")],
  request: {
    query: PageQuery.extend({
      status: z.enum(["open", "done"]).optional(),
      location_id: z.string().max(64).optional(),
      sku: z.string().max(100).optional(),
    }),
  },
  responses: { 200: json(page(CountTask, "CountTaskPage"), "A page of count tasks."), ...commonProblems },
});
