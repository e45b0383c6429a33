import { createRoute, z } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { commonProblems, json, jsonBody, problem } from "../http/openapi";
import { Bin, BinInput, BinList } from "./schemas";

const tags = ["Inventory"];
const LocationPath = z.object({ id: z.string().min(1).max(64) });

export const setBin = createRoute({
  method: "put",
  path: "/v1/locations/{id}/bins/{sku}",
  operationId: "setBin",
  tags,
  summary: "Put a SKU in a bin of a location",
  description: "One bin per SKU and location; setting it again moves the SKU. Pick lists walk bins by `walk_order`. Needs `inventory:write`.",
  middleware: [...admin("inventory:write")],
  request: { params: LocationPath.extend({ sku: z.string().min(1).max(100) }), body: jsonBody(BinInput) },
  responses: { 200: json(Bin, "The bin."), ...commonProblems, 404: problem("location_not_found"), 422: problem("unknown_sku") },
});

export const listBins = createRoute({
  method: "get",
  path: "/v1/locations/{id}/bins",
  operationId: "listBins",
  tags,
  summary: "The bins of a location, in walk order",
  description: "Needs `inventory:read`.",
  middleware: [...admin("inventory:read")],
  request: { params: LocationPath, query: z.object({ sku: z.string().max(100).optional() }) },
  responses: { 200: json(BinList, "The bins."), ...commonProblems },
});
