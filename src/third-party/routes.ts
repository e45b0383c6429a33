import { createRoute, z } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { idempotent } from "../http/idempotency";
import { commonProblems, json, jsonBody, OptionalIdempotencyHeader, page, PageQuery, problem } from "../http/openapi";
import { Fulfillment } from "../fulfillment/schemas";
import { ConfirmShipmentInput, ThirdPartyAlert, ThirdPartyEndpointInput, ThirdPartyEndpointView, ThirdPartyRequestView } from "./schemas";

const tags = ["Third parties"];
const LocationPath = z.object({ id: z.string().min(1).max(64) });

export const getThirdPartyEndpoint = createRoute({
  method: "get",
  path: "/v1/locations/{id}/third-party",
  operationId: "getThirdPartyEndpoint",
  tags,
  summary: "A 3PL location's fulfillment endpoint (never its secret)",
  description: "Needs `locations:read`.",
  middleware: [...admin("locations:read")],
  request: { params: LocationPath },
  responses: {
    200: json(ThirdPartyEndpointView, "The endpoint."),
    ...commonProblems,
    404: problem("location_not_found, third_party_endpoint_not_found"),
    409: problem("not_a_3pl_location"),
  },
});

export const setThirdPartyEndpoint = createRoute({
  method: "put",
  path: "/v1/locations/{id}/third-party",
  operationId: "setThirdPartyEndpoint",
  tags,
  summary: "Set where a 3PL location's shipments are requested, and the secret that signs the requests",
  description:
    "Each new shipment at this location is POSTed there as `fulfillment.requested`, signed with Standard Webhooks " +
    "headers (webhook-id = the shipment id), retried with backoff. The 3PL confirms it with " +
    "POST /v1/fulfillments/{id}/third-party/confirm. Needs `locations:write`.",
  middleware: [...admin("locations:write")],
  request: { params: LocationPath, body: jsonBody(ThirdPartyEndpointInput) },
  responses: {
    200: json(ThirdPartyEndpointView, "The endpoint as stored."),
    ...commonProblems,
    404: problem("location_not_found"),
    409: problem("not_a_3pl_location"),
    422: problem("url_not_allowed, secret_required (with `errors`)."),
  },
});

export const confirmThirdPartyShipment = createRoute({
  method: "post",
  path: "/v1/fulfillments/{id}/third-party/confirm",
  operationId: "confirmThirdPartyShipment",
  tags,
  summary: "The 3PL confirms the shipment left, with its tracking",
  description:
    "Ships the shipment (packing it first with the parcel sent when it is not packed yet): stock leaves the cell, " +
    "`fulfillment.shipped` goes out. The same confirmation again answers the shipment as it is. Needs `orders:write` " +
    "(give the 3PL its own key with that scope).",
  middleware: [...admin("orders:write"), idempotent({ required: false })] as const,
  request: { params: z.object({ id: z.string().min(1).max(100) }), headers: OptionalIdempotencyHeader, body: jsonBody(ConfirmShipmentInput) },
  responses: {
    200: json(Fulfillment, "The shipment, shipped."),
    ...commonProblems,
    404: problem("fulfillment_not_found, third_party_request_not_found"),
    409: problem("already_shipped (other tracking), invalid_transition, fulfillment_changed, order_changed, insufficient_on_hand."),
    422: problem("idempotency_key_reused."),
  },
});

export const listThirdPartyAlerts = createRoute({
  method: "get",
  path: "/v1/third-party/alerts",
  operationId: "listThirdPartyAlerts",
  tags,
  summary: "3PL requests not confirmed in time, newest first",
  description: "One alert per request, raised by the cron once its deadline passed unconfirmed. Needs `orders:read`.",
  middleware: [...admin("orders:read")],
  request: { query: PageQuery.extend({ location_id: z.string().max(64).optional() }) },
  responses: { 200: json(page(ThirdPartyAlert, "ThirdPartyAlertPage"), "A page of alerts."), ...commonProblems },
});

export const getThirdPartyRequest = createRoute({
  method: "get",
  path: "/v1/fulfillments/{id}/third-party",
  operationId: "getThirdPartyRequest",
  tags,
  summary: "Where the shipment's request to its 3PL stands",
  description: "Needs `orders:read`.",
  middleware: [...admin("orders:read")],
  request: { params: z.object({ id: z.string().min(1).max(100) }) },
  responses: { 200: json(ThirdPartyRequestView, "The request."), ...commonProblems, 404: problem("third_party_request_not_found") },
});
