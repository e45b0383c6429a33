import { createRoute } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { idempotent } from "../http/idempotency";
import { commonProblems, json, jsonBody, OptionalIdempotencyHeader, problem } from "../http/openapi";
import { Order } from "../orders/schemas";
import { CancelInput, EditInput, HoldInput, OrderPath, ReleaseInput } from "./schemas";

const tags = ["Orders"];

export const cancelOrder = createRoute({
  method: "post",
  path: "/v1/orders/{id}/cancel",
  operationId: "cancelOrder",
  tags,
  summary: "Cancel the order, or some units of some lines, before they ship",
  description:
    "Stock goes back to the cells it was reserved at; captured money is recorded as a refund (an authorization with " +
    "nothing captured is voided); totals follow. Cancelling a cancelled order answers the order again and changes " +
    "nothing. Units not yet shipped leave their fulfillments.",
  middleware: [...admin("orders:write"), idempotent({ required: false })],
  request: { params: OrderPath, headers: OptionalIdempotencyHeader, body: jsonBody(CancelInput) },
  responses: {
    200: json(Order, "The order after the cancellation."),
    ...commonProblems,
    404: problem("order_not_found"),
    409: problem("invalid_transition (what is asked has shipped; with `transition` and `from`), order_changed, fulfillment_changed."),
    422: problem("cancel_exceeds_order (with `errors`), idempotency_key_reused."),
  },
});

export const editOrder = createRoute({
  method: "post",
  path: "/v1/orders/{id}/edit",
  operationId: "editOrder",
  tags,
  summary: "Edit an open order before fulfillment: quantities, lines, shipping address",
  description:
    "All or nothing: added units are reserved on the cells first, and a shortage leaves the order untouched (409 " +
    "insufficient_stock). Totals are recomputed; money the shopper is owed is recorded as a refund, money still due " +
    "is shown in the timeline. Allowed while nothing of the order is packed or shipped.",
  middleware: [...admin("orders:write"), idempotent({ required: false })],
  request: { params: OrderPath, headers: OptionalIdempotencyHeader, body: jsonBody(EditInput) },
  responses: {
    200: json(Order, "The edited order."),
    ...commonProblems,
    404: problem("order_not_found"),
    409: problem("invalid_transition, order_changed, fulfillment_changed, insufficient_stock (with `shortages`), stock_not_reserved (a held channel order: release it before adding units)."),
    422: problem("edit_not_possible (with `errors`: unknown line or SKU, price in another currency), idempotency_key_reused."),
  },
});

export const holdOrder = createRoute({
  method: "post",
  path: "/v1/orders/{id}/hold",
  operationId: "holdOrder",
  tags,
  summary: "Put the order on hold: its stock stays reserved and nothing of it is sent to fulfillment",
  middleware: [...admin("orders:write"), idempotent({ required: false })],
  request: { params: OrderPath, headers: OptionalIdempotencyHeader, body: jsonBody(HoldInput) },
  responses: {
    200: json(Order, "The held order."),
    ...commonProblems,
    404: problem("order_not_found"),
    409: problem("invalid_transition (already on hold, cancelled, or everything shipped), order_changed."),
    422: problem("idempotency_key_reused."),
  },
});

export const releaseOrder = createRoute({
  method: "post",
  path: "/v1/orders/{id}/release",
  operationId: "releaseOrder",
  tags,
  summary: "Release the hold (for a fraud review: approve); a confirmed order goes on to fulfillment",
  description:
    "To refuse an order under review, cancel it: its stock is released. An order held without stock (a channel order " +
    "that could not be placed) is given its stock first, planned from the cells; if it is still short the order stays " +
    "on hold (409 insufficient_stock).",
  middleware: [...admin("orders:write"), idempotent({ required: false })],
  request: { params: OrderPath, headers: OptionalIdempotencyHeader, body: jsonBody(ReleaseInput) },
  responses: {
    200: json(Order, "The released order."),
    ...commonProblems,
    404: problem("order_not_found"),
    409: problem("invalid_transition (not on hold), order_changed, insufficient_stock (with `shortages`)."),
    422: problem("unknown_sku (a line's SKU is not in the catalog: map or edit it first), idempotency_key_reused."),
  },
});
