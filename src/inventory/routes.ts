import { createRoute, z } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { idempotent } from "../http/idempotency";
import { commonProblems, IdempotencyHeader, json, jsonBody, page, PageQuery, problem } from "../http/openapi";
import { CellPath, CellSettingsInput, HoldView, LedgerEntry, Level, LocationId, Movement, MovementInput, Sku } from "./schemas";

const tags = ["Inventory"];

export const recordMovement = createRoute({
  method: "post",
  path: "/v1/inventory/movements",
  operationId: "recordInventoryMovement",
  tags,
  summary: "Receive, adjust or count stock at a location",
  description:
    "Goes to the InventoryCell of sku × location, which writes a ledger entry. An adjustment may not take away units " +
    "promised to orders (409 stock_reserved); a count is always recorded and its variance is the ledger's on_hand_delta.",
  middleware: [...admin("inventory:write"), idempotent({ required: true })],
  request: { headers: IdempotencyHeader, body: jsonBody(MovementInput) },
  responses: {
    201: json(Movement, "The ledger entry and the cell's new figures."),
    ...commonProblems,
    404: problem("Unknown location (location_not_found)."),
    409: problem("negative_on_hand, stock_reserved, stock_striped (a count while the SKU is striped there), or idempotency_key_in_use."),
    422: problem("unknown_sku, or idempotency_key_reused."),
  },
});

export const listLevels = createRoute({
  method: "get",
  path: "/v1/inventory/levels",
  operationId: "listInventoryLevels",
  tags,
  summary: "Stock levels per SKU and location (read model, seconds fresh at worst)",
  middleware: [...admin("inventory:read")],
  request: {
    query: PageQuery.extend({
      sku: Sku.optional(),
      location_id: LocationId.optional(),
      low_stock: z
        .enum(["true", "false"])
        .optional()
        .openapi({ description: "true: only levels at or below their low-stock threshold." }),
    }),
  },
  responses: { 200: json(page(Level, "InventoryLevelPage"), "A page of levels."), ...commonProblems },
});

export const getCell = createRoute({
  method: "get",
  path: "/v1/locations/{location_id}/inventory/{sku}",
  operationId: "getInventoryCell",
  tags,
  summary: "The live figures of one SKU at one location, from its InventoryCell",
  middleware: [...admin("inventory:read")],
  request: { params: CellPath },
  responses: { 200: json(Level, "The cell's figures."), ...commonProblems, 404: problem("Unknown location."), 422: problem("unknown_sku: no variant has this SKU.") },
});

export const configureCell = createRoute({
  method: "patch",
  path: "/v1/locations/{location_id}/inventory/{sku}",
  operationId: "configureInventoryCell",
  tags,
  summary: "Set safety stock, low-stock threshold and backorders for one SKU at one location",
  middleware: [...admin("inventory:write")],
  request: { params: CellPath, body: jsonBody(CellSettingsInput) },
  responses: { 200: json(Level, "The cell's figures."), ...commonProblems, 404: problem("Unknown location."), 422: problem("unknown_sku") },
});

export const listLedger = createRoute({
  method: "get",
  path: "/v1/locations/{location_id}/inventory/{sku}/ledger",
  operationId: "listInventoryLedger",
  tags,
  summary: "Every change of the cell, oldest first",
  middleware: [...admin("inventory:read")],
  request: {
    params: CellPath,
    query: z.object({
      limit: z.coerce.number().int().min(1).max(500).default(100),
      cursor: z.string().regex(/^\d+$/).max(20).optional().openapi({ description: "`next_cursor` of the previous page." }),
    }),
  },
  responses: { 200: json(page(LedgerEntry, "LedgerPage"), "A page of ledger entries."), ...commonProblems, 404: problem("Unknown location.") },
});

export const listHolds = createRoute({
  method: "get",
  path: "/v1/locations/{location_id}/inventory/{sku}/holds",
  operationId: "listInventoryHolds",
  tags,
  summary: "Holds of the cell: who reserved which units, and what became of them",
  middleware: [...admin("inventory:read")],
  request: { params: CellPath },
  responses: { 200: json(z.object({ data: z.array(HoldView) }).openapi("HoldList"), "The holds."), ...commonProblems, 404: problem("Unknown location.") },
});
