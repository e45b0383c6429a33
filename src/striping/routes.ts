import { createRoute } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { commonProblems, json, jsonBody, problem } from "../http/openapi";
import { CellPath } from "../inventory/schemas";
import { Striping, StripingInput } from "./schemas";

const tags = ["Inventory"];
const path = "/v1/locations/{location_id}/inventory/{sku}/striping";
const notFound = { 404: problem("Unknown location (location_not_found)."), 422: problem("unknown_sku: no variant has this SKU.") };

export const setStriping = createRoute({
  method: "put",
  path,
  operationId: "setInventoryStriping",
  tags,
  summary: "Spread a flash-sale SKU's stock at a location across several cells",
  description:
    "One InventoryCell serializes a SKU at a location; striped, checkouts of the SKU spread over `stripes` cells, and a " +
    "stripe that runs dry is topped up from the others, so nobody is refused while any stripe has stock. The units " +
    "available are spread evenly, each move through the stock-change record. Asking again with another number " +
    "spreads them again. Needs `inventory:write`.",
  middleware: [...admin("inventory:write")],
  request: { params: CellPath, body: jsonBody(StripingInput) },
  responses: { 200: json(Striping, "The stripes after spreading."), ...commonProblems, ...notFound },
});

export const stopStriping = createRoute({
  method: "delete",
  path,
  operationId: "stopInventoryStriping",
  tags,
  summary: "Fold a SKU's stripes back into its own cell",
  description:
    "Units available on the stripes move back; units held on a stripe stay with their hold and go back with it when " +
    "it ends if asked again (they count in the SKU's figures all along). Needs `inventory:write`.",
  middleware: [...admin("inventory:write")],
  request: { params: CellPath },
  responses: { 200: json(Striping, "The cells after folding."), ...commonProblems, ...notFound },
});

export const getStriping = createRoute({
  method: "get",
  path,
  operationId: "getInventoryStriping",
  tags,
  summary: "A SKU's stripes at a location and what each has",
  description: "Live figures from every cell. Needs `inventory:read`.",
  middleware: [...admin("inventory:read")],
  request: { params: CellPath },
  responses: { 200: json(Striping, "The stripes."), ...commonProblems, ...notFound },
});
