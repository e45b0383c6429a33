import { createRoute, z } from "@hono/zod-openapi";
import { authenticate } from "../http/auth";
import { idempotent } from "../http/idempotency";
import { commonProblems, json, OptionalIdempotencyHeader, page, PageQuery, problem } from "../http/openapi";
import { Import, ImportInput, ImportQuery } from "./schemas";

const tags = ["Imports"];
const SCOPES = "Order imports need `orders:write` (reading them `orders:read`), inventory imports `inventory:write` (`inventory:read`).";

export const createImport = createRoute({
  method: "post",
  path: "/v1/imports",
  operationId: "createImport",
  tags,
  summary: "Import orders or stock levels from a file, in the background",
  description:
    `${SCOPES} Send the file as the body (text/csv or application/x-ndjson, with ?kind=) or as JSON with its content. ` +
    "It is stored, then processed in chunks by jobs; read the progress at GET /v1/imports/{id}. Orders go through the " +
    "same capture path as checkouts (one that cannot be placed is created on hold) and are keyed by channel and order_id; " +
    "stock rows are counts keyed by the file and row. So importing the same file again changes nothing twice.",
  middleware: [authenticate, idempotent({ required: false })],
  request: {
    headers: OptionalIdempotencyHeader,
    query: ImportQuery,
    body: {
      required: false,
      content: {
        "application/json": { schema: ImportInput },
        "text/csv": { schema: z.string(), example: "sku,location,on_hand\nTEE-BLK-M,berlin,40\nTEE-BLK-L,berlin,25\n" },
        "application/x-ndjson": { schema: z.string() },
      },
    },
  },
  responses: {
    202: json(Import, "The import, queued."),
    ...commonProblems,
    404: problem("No such channel (channel_not_found)."),
    415: problem("Send JSON, CSV or JSON lines."),
    422: problem("The file cannot be read as a whole: empty, no header, missing columns (invalid_import_file)."),
  },
});

export const getImport = createRoute({
  method: "get",
  path: "/v1/imports/{id}",
  operationId: "getImport",
  tags,
  summary: "An import's progress and row errors",
  description: SCOPES,
  middleware: [authenticate],
  request: { params: z.object({ id: z.string().max(64) }) },
  responses: { 200: json(Import, "The import."), ...commonProblems, 404: problem("No such import (import_not_found).") },
});

export const listImports = createRoute({
  method: "get",
  path: "/v1/imports",
  operationId: "listImports",
  tags,
  summary: "Imports, newest first (without their row errors)",
  description: "Lists the kinds the key may read (see getImport).",
  middleware: [authenticate],
  request: { query: PageQuery },
  responses: { 200: json(page(Import, "ImportPage"), "A page of imports."), ...commonProblems },
});
