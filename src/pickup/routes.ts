import { createRoute, z } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { idempotent } from "../http/idempotency";
import { commonProblems, json, jsonBody, OptionalIdempotencyHeader, problem } from "../http/openapi";
import { HandoverInput, PickupSettings, PickupSettingsInput, PickupView, ReadyPickupInput, RejectPickupInput } from "./schemas";

const tags = ["Pickup"];
const FulfillmentPath = z.object({ id: z.string().min(1).max(100) });
const found = { ...commonProblems, 404: problem("fulfillment_not_found") };

const step = (path: string, operationId: string, summary: string, description: string, conflicts: string, extra: Record<number, ReturnType<typeof problem>> = {}) =>
  createRoute({
    method: "post",
    path: `/v1/fulfillments/{id}/pickup/${path}`,
    operationId,
    tags,
    summary,
    description: `${description} Needs \`orders:write\`.`,
    middleware: [...admin("orders:write"), idempotent({ required: false })] as const,
    request: { params: FulfillmentPath, headers: OptionalIdempotencyHeader },
    responses: {
      200: json(PickupView, "The pickup after this step."),
      ...found,
      409: problem(`not_a_pickup, ${conflicts}, fulfillment_changed, order_changed.`),
      422: problem("idempotency_key_reused."),
      ...extra,
    },
  });

export const acceptPickup = step("accept", "acceptPickup", "The store accepts the pickup order", "The shipment moves to picking.", "pickup_answered, invalid_transition");

export const rejectPickup = createRoute({
  ...step(
    "reject",
    "rejectPickup",
    "The store rejects the pickup order",
    "The shipment's units are cancelled through the order's cancel path: stock back on sale, money refunded or voided. " +
      "They are not reallocated: the customer chose this store. Rejecting again answers the pickup as it is.",
    "pickup_answered, invalid_transition",
  ),
  request: { params: FulfillmentPath, headers: OptionalIdempotencyHeader, body: jsonBody(RejectPickupInput) },
});

export const readyPickup = createRoute({
  ...step(
    "ready",
    "markPickupReady",
    "Mark the pickup ready: the customer gets a message with a pickup code",
    "Packs the shipment first when a parcel is sent. Issues a new six-digit code (only its hash is kept), messages the " +
      "customer and emits `fulfillment.ready_for_pickup`. Again on a ready pickup: a new code, the old one stops working.",
    "pickup_not_accepted, not_packed, invalid_transition",
  ),
  request: { params: FulfillmentPath, headers: OptionalIdempotencyHeader, body: { ...jsonBody(ReadyPickupInput), required: false } },
});

export const handOverPickup = createRoute({
  ...step(
    "handover",
    "handOverPickup",
    "Hand the order over to the customer who shows the code",
    "A matching code ships and delivers the shipment (stock leaves the cell). A wrong code is refused (422 " +
      "pickup_code_wrong, with `attempts_left`) and counted; after 5 the code is locked (409 pickup_code_locked) until " +
      "the pickup is marked ready again.",
    "pickup_not_ready, pickup_code_locked, invalid_transition, insufficient_on_hand",
    { 422: problem("pickup_code_wrong (with `attempts_left`), idempotency_key_reused.") },
  ),
  request: { params: FulfillmentPath, headers: OptionalIdempotencyHeader, body: jsonBody(HandoverInput) },
});

export const getPickupSettings = createRoute({
  method: "get",
  path: "/v1/pickup/settings",
  operationId: "getPickupSettings",
  tags,
  summary: "How many days ready pickups wait for their customer",
  description: "Needs `locations:read`.",
  middleware: [...admin("locations:read")],
  responses: { 200: json(PickupSettings, "The settings."), ...commonProblems },
});

export const setPickupSettings = createRoute({
  method: "put",
  path: "/v1/pickup/settings",
  operationId: "setPickupSettings",
  tags,
  summary: "Set the days a ready pickup waits, for one location or as the default",
  description: "Applies to pickups marked ready from now on. Needs `locations:write`.",
  middleware: [...admin("locations:write")],
  request: { body: jsonBody(PickupSettingsInput) },
  responses: { 200: json(PickupSettings, "The settings after the change."), ...commonProblems, 404: problem("location_not_found") },
});

export const getPickup = createRoute({
  method: "get",
  path: "/v1/fulfillments/{id}/pickup",
  operationId: "getPickup",
  tags,
  summary: "Where a pickup stands: awaiting the store's answer, accepted, ready, collected, rejected or expired",
  description: "Needs `orders:read`.",
  middleware: [...admin("orders:read")],
  request: { params: FulfillmentPath },
  responses: { 200: json(PickupView, "The pickup."), ...found, 409: problem("not_a_pickup") },
});
