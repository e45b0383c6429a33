import { createRoute, z } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { idempotent } from "../http/idempotency";
import { commonProblems, json, jsonBody, OptionalIdempotencyHeader, problem } from "../http/openapi";
import { PickInput, PickList, PickListInput, PickResult } from "./schemas";

const tags = ["Fulfillment"];
const Id = z.object({ id: z.string().min(1).max(100) });

export const createPickList = createRoute({
  method: "post",
  path: "/v1/locations/{id}/pick-lists",
  operationId: "createPickList",
  tags,
  summary: "Make a pick list of the location's pending shipments",
  description:
    "Claims pending shipments (express first, then by ship-by; filtered by carrier cut-off, carrier, speed or ids), " +
    "one for `single`, up to `max_shipments` for `batch`, each in its tote; a shipment is on at most one open pick list. " +
    "Each claimed shipment moves pending → picking. Lines come in bin walk order. Needs `orders:write`.",
  middleware: [...admin("orders:write"), idempotent({ required: false })] as const,
  request: { params: Id, headers: OptionalIdempotencyHeader, body: jsonBody(PickListInput) },
  responses: {
    201: json(PickList, "The pick list."),
    ...commonProblems,
    404: problem("location_not_found"),
    409: problem("nothing_to_pick: no pending shipment is free for these filters."),
    422: problem("idempotency_key_reused."),
  },
});

export const getPickList = createRoute({
  method: "get",
  path: "/v1/pick-lists/{id}",
  operationId: "getPickList",
  tags,
  summary: "A pick list: shipments with totes, lines in walk order with what was picked",
  description: "Needs `orders:read`.",
  middleware: [...admin("orders:read")],
  request: { params: Id },
  responses: { 200: json(PickList, "The pick list."), ...commonProblems, 404: problem("pick_list_not_found") },
});

export const recordPick = createRoute({
  method: "post",
  path: "/v1/pick-lists/{id}/picks",
  operationId: "recordPick",
  tags,
  summary: "Confirm one line of a pick list: picked, short, or not found",
  description:
    "Names the line by `fulfillment_line_id` or by `sku` and `tote`. A short or not-found line holds the order " +
    "(hold reason `short_pick`: the shortfall ships from nowhere until someone releases, edits or cancels) and raises " +
    "a count task for the cell. The last line confirmed closes the list. Needs `orders:write`.",
  middleware: [...admin("orders:write"), idempotent({ required: false })] as const,
  request: { params: Id, headers: OptionalIdempotencyHeader, body: jsonBody(PickInput) },
  responses: {
    201: json(PickResult, "The pick and the pick list after it."),
    ...commonProblems,
    404: problem("pick_list_not_found, pick_line_not_found"),
    409: problem("already_picked, pick_list_done"),
    422: problem("pick_not_possible (quantity does not fit the outcome), idempotency_key_reused."),
  },
});
