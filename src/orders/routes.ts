import { createRoute, z } from "@hono/zod-openapi";
import { PaymentInput } from "../checkout/schemas";
import { admin } from "../http/auth";
import { idempotent } from "../http/idempotency";
import { commonProblems, json, jsonBody, OptionalIdempotencyHeader, page, problem } from "../http/openapi";
import { AddNoteInput, Order, OrderDetail, OrderSummary, SetTagsInput } from "./schemas";
import { OrderSearch } from "./search";

const tags = ["Orders"];
const OrderPath = z.object({ id: z.string().min(1).max(64) });
const changeProblems = {
  ...commonProblems,
  404: problem("order_not_found"),
  409: problem("invalid_transition (with `transition` and `from`), order_changed, payment_window_expired."),
  422: problem("payment_amount_mismatch, capture_exceeds_authorization, idempotency_key_reused."),
};

export const getOrder = createRoute({
  method: "get",
  path: "/v1/orders/{id}",
  operationId: "getOrder",
  tags,
  summary: "One order with its lines, allocations, payments, shipments, internal notes and whole timeline",
  middleware: [...admin("orders:read")],
  request: { params: OrderPath },
  responses: { 200: json(OrderDetail, "The order."), ...commonProblems, 404: problem("order_not_found") },
});

export const listOrders = createRoute({
  method: "get",
  path: "/v1/orders",
  operationId: "listOrders",
  tags,
  summary: "Search orders: filters combine, sorted by date (default, newest first) or total",
  description:
    "Every filter given must match. `created_from` is inclusive, `created_to` exclusive (epoch ms). A `next_cursor` " +
    "belongs to its sort: pass it with the same `sort` and `order`.",
  middleware: [...admin("orders:read")],
  request: { query: OrderSearch },
  responses: { 200: json(page(OrderSummary, "OrderPage"), "A page of orders."), ...commonProblems },
});

const annotationProblems = {
  ...commonProblems,
  404: problem("order_not_found"),
  409: problem("order_changed: the order is no longer at `expected_version`; read it again."),
};

export const setOrderTags = createRoute({
  method: "put",
  path: "/v1/orders/{id}/tags",
  operationId: "setOrderTags",
  tags,
  summary: "Replace the order's tags",
  description: "Tags are lower-cased and trimmed, duplicates dropped; at most 20. A change appends `order.tags_changed` to the timeline.",
  middleware: [...admin("orders:write")],
  request: { params: OrderPath, body: jsonBody(SetTagsInput) },
  responses: { 200: json(OrderDetail, "The order."), ...annotationProblems },
});

export const addOrderNote = createRoute({
  method: "post",
  path: "/v1/orders/{id}/notes",
  operationId: "addOrderNote",
  tags,
  summary: "Add an internal note to the order (staff only, never shown to shoppers)",
  middleware: [...admin("orders:write"), idempotent({ required: false })],
  request: { params: OrderPath, headers: OptionalIdempotencyHeader, body: jsonBody(AddNoteInput) },
  responses: { 201: json(OrderDetail, "The order with its new note."), ...annotationProblems, 422: problem("idempotency_key_reused.") },
});

export const confirmPayment = createRoute({
  method: "post",
  path: "/v1/orders/{id}/confirm-payment",
  operationId: "confirmPayment",
  tags: ["Payments"],
  summary: "Confirm payment of a pending order: its held stock becomes committed",
  description:
    "The merchant's server only (a secret key with `payments:write`): a storefront never asserts payment. The other way " +
    "an order becomes paid is the provider's own signed webhook (POST /v1/payments/{provider}/webhooks). Answers 409 " +
    "payment_window_expired (and cancels the order) when its holds ran out first.",
  middleware: [...admin("payments:write"), idempotent({ required: false })],
  request: { params: OrderPath, headers: OptionalIdempotencyHeader, body: jsonBody(PaymentInput) },
  responses: { 200: json(Order, "The confirmed order."), ...changeProblems },
});

export const CaptureInput = z
  .object({
    reference: z.string().trim().min(1).max(200),
    amount: z.number().int().min(1).max(10_000_000_000).optional().openapi({ description: "Defaults to what is left to capture." }),
  })
  .strict()
  .openapi("CaptureInput");

export const capturePayment = createRoute({
  method: "post",
  path: "/v1/orders/{id}/capture",
  operationId: "capturePayment",
  tags: ["Payments"],
  summary: "Record money the provider captured from the authorization",
  description: "Needs `payments:write` (`orders:write` is not enough: a capture asserts money).",
  middleware: [...admin("payments:write"), idempotent({ required: false })],
  request: { params: OrderPath, headers: OptionalIdempotencyHeader, body: jsonBody(CaptureInput) },
  responses: { 200: json(Order, "The order."), ...changeProblems },
});

export const VoidInput = z
  .object({ reference: z.string().trim().min(1).max(200).optional(), reason: z.string().trim().min(1).max(500).optional() })
  .strict()
  .openapi("VoidInput");

export const voidPayment = createRoute({
  method: "post",
  path: "/v1/orders/{id}/void",
  operationId: "voidPayment",
  tags: ["Payments"],
  summary: "Record that the authorization was voided: the order is cancelled and its stock released",
  description: "Needs `payments:write`, like every route that records money. To cancel an order (and have its authorization voided through the provider), use POST /v1/orders/{id}/cancel.",
  middleware: [...admin("payments:write"), idempotent({ required: false })],
  request: { params: OrderPath, headers: OptionalIdempotencyHeader, body: jsonBody(VoidInput) },
  responses: { 200: json(Order, "The cancelled order."), ...changeProblems },
});
