import { createRoute, z } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { idempotent } from "../http/idempotency";
import { commonProblems, json, jsonBody, OptionalIdempotencyHeader, page, PageQuery, problem } from "../http/openapi";
import { CancelFulfillmentInput, FULFILLMENT_STATES, Fulfillment, FulfillmentSummary, Parcel, ShipInput } from "./schemas";

const tags = ["Fulfillment"];
const FulfillmentPath = z.object({ id: z.string().min(1).max(100) });
const found = { ...commonProblems, 404: problem("fulfillment_not_found") };
const moveProblems = {
  ...found,
  409: problem(
    "invalid_transition (with `from` and `to` for the fulfillment, or `transition` and `from` for the order), " +
      "fulfillment_changed, order_changed, stock_not_movable.",
  ),
  422: problem("idempotency_key_reused."),
};

export const listFulfillments = createRoute({
  method: "get",
  path: "/v1/fulfillments",
  operationId: "listFulfillments",
  tags,
  summary: "Fulfillments (shipments), newest order first",
  description: "Needs `orders:read`.",
  middleware: [...admin("orders:read")],
  request: {
    query: PageQuery.extend({
      order_id: z.string().max(64).optional(),
      status: z.enum(FULFILLMENT_STATES).optional(),
      location_id: z.string().max(64).optional(),
    }),
  },
  responses: { 200: json(page(FulfillmentSummary, "FulfillmentPage"), "A page of fulfillments."), ...commonProblems },
});

export const getFulfillment = createRoute({
  method: "get",
  path: "/v1/fulfillments/{id}",
  operationId: "getFulfillment",
  tags,
  summary: "One fulfillment with its lines",
  description: "Needs `orders:read`.",
  middleware: [...admin("orders:read")],
  request: { params: FulfillmentPath },
  responses: { 200: json(Fulfillment, "The fulfillment."), ...found },
});

/** A POST that moves a fulfillment, optionally with a body. */
const move = (path: string, operationId: string, summary: string, description: string, body?: z.ZodType) =>
  createRoute({
    method: "post",
    path: `/v1/fulfillments/{id}/${path}`,
    operationId,
    tags,
    summary,
    description: `${description} Needs \`orders:write\`.`,
    middleware: [...admin("orders:write"), idempotent({ required: false })] as const,
    request: { params: FulfillmentPath, headers: OptionalIdempotencyHeader, ...(body ? { body: jsonBody(body) } : {}) },
    responses: { 200: json(Fulfillment, "The fulfillment after the move."), ...moveProblems },
  });

export const startPicking = move("picking", "startPicking", "Start picking a pending fulfillment", "pending → picking.");

export const packFulfillment = createRoute({
  ...move("pack", "packFulfillment", "Record the packed parcel", "pending or picking → packed; stores the parcel's weight and size."),
  request: { params: FulfillmentPath, headers: OptionalIdempotencyHeader, body: jsonBody(Parcel) },
});

export const shipFulfillment = createRoute({
  ...move(
    "ship",
    "shipFulfillment",
    "Hand the parcel to the carrier",
    "packed → shipped. On-hand goes down on the cell (ledger `fulfill`) and the order's fulfillment_status follows; " +
      "emits `fulfillment.shipped`. Refused (409 invalid_transition) while the order is on hold or cancelled.",
  ),
  request: { params: FulfillmentPath, headers: OptionalIdempotencyHeader, body: jsonBody(ShipInput) },
});

export const deliverFulfillment = move(
  "deliver",
  "deliverFulfillment",
  "Record that the parcel arrived",
  "shipped → delivered; the order becomes delivered once all its live shipments are. Emits `fulfillment.delivered`.",
);

export const cancelFulfillment = createRoute({
  ...move(
    "cancel",
    "cancelFulfillment",
    "Cancel a shipment before it ships",
    "pending, picking or packed → cancelled: its stock goes back to the cell. The order stays open and its " +
      "fulfillment_status ignores cancelled shipments. A shipped fulfillment cannot be cancelled (409).",
  ),
  request: { params: FulfillmentPath, headers: OptionalIdempotencyHeader, body: { ...jsonBody(CancelFulfillmentInput), required: false } },
});
