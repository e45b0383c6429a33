import { createRoute, z } from "@hono/zod-openapi";
import { admin, storefront } from "../http/auth";
import { idempotent } from "../http/idempotency";
import { commonProblems, json, jsonBody, OptionalIdempotencyHeader, problem } from "../http/openapi";
import {
  DeclineInput,
  Return,
  ReturnActionInput,
  Returnable,
  ReturnList,
  ReturnListQuery,
  ReturnPath,
  ReturnRequestInput,
  ShopperReturnableInput,
  ShopperReturnInput,
} from "./schemas";

const tags = ["Returns"];
const OrderPath = z.object({ id: z.string().min(1).max(64) });
const requestProblems = {
  ...commonProblems,
  404: problem("order_not_found"),
  409: problem("return_exceeds_returnable (another return claimed the units first), return_changed."),
  422: problem("return_not_possible (with `errors`: unknown line, more than returnable and why), idempotency_key_reused."),
};
const decisionProblems = {
  ...commonProblems,
  404: problem("return_not_found"),
  409: problem("invalid_return_transition (with `from` and `action`), return_changed, return_in_progress, return_in_inspection, order_changed, insufficient_stock (an exchange's units)."),
  422: problem("idempotency_key_reused."),
};

export const getReturnable = createRoute({
  method: "get",
  path: "/v1/orders/{id}/returnable",
  operationId: "getReturnable",
  tags,
  summary: "Per line, what can still be returned, and when nothing, why (not shipped, already returned, final sale, window over)",
  middleware: [...admin("orders:read")],
  request: { params: OrderPath },
  responses: { 200: json(Returnable, "What is returnable."), ...commonProblems, 404: problem("order_not_found") },
});

export const createReturn = createRoute({
  method: "post",
  path: "/v1/orders/{id}/returns",
  operationId: "createReturn",
  tags,
  summary: "Record a return for some shipped units (staff): approved at once",
  description:
    "Each line asks for at most what shipped and is not claimed by another return; `override_policy` looks past the " +
    "return window and final sale. Two returns asking for the last unit at once: one wins, the other is 409.",
  middleware: [...admin("orders:write"), idempotent({ required: false })],
  request: { params: OrderPath, headers: OptionalIdempotencyHeader, body: jsonBody(ReturnRequestInput) },
  responses: { 201: json(Return, "The return, open."), ...requestProblems },
});

export const listReturns = createRoute({
  method: "get",
  path: "/v1/returns",
  operationId: "listReturns",
  tags,
  summary: "Returns, newest first, by status or order",
  middleware: [...admin("orders:read")],
  request: { query: ReturnListQuery },
  responses: { 200: json(ReturnList, "A page of returns."), ...commonProblems },
});

export const getReturn = createRoute({
  method: "get",
  path: "/v1/returns/{id}",
  operationId: "getReturn",
  tags,
  summary: "One return with its lines and what has come back of them",
  middleware: [...admin("orders:read")],
  request: { params: ReturnPath },
  responses: { 200: json(Return, "The return."), ...commonProblems, 404: problem("return_not_found") },
});

const decisionOf = (action: string, summary: string) => ({
  method: "post" as const,
  path: `/v1/returns/{id}/${action}`,
  operationId: `${action}Return`,
  tags,
  summary,
  middleware: [...admin("orders:write"), idempotent({ required: false })],
  responses: { 200: json(Return, "The return after the decision."), ...decisionProblems },
});
const actionRequest = { params: ReturnPath, headers: OptionalIdempotencyHeader, body: jsonBody(ReturnActionInput) };

export const approveReturn = createRoute({ ...decisionOf("approve", "Approve a requested return"), request: actionRequest });
export const declineReturn = createRoute({
  ...decisionOf("decline", "Decline a requested return: its units become returnable again"),
  request: { params: ReturnPath, headers: OptionalIdempotencyHeader, body: jsonBody(DeclineInput) },
});
export const cancelReturn = createRoute({
  ...decisionOf("cancel", "Cancel a return nothing has been received or refunded for: its units become returnable again"),
  request: actionRequest,
});
export const closeReturn = createRoute({
  ...decisionOf("close", "Close an open return: units not received count as missing and become returnable again"),
  request: actionRequest,
});

const shopperProblems = {
  ...commonProblems,
  404: problem("order_not_found (the number and email do not match an order)."),
  429: problem("rate_limited (header Retry-After), shared with the order lookup."),
};

export const shopperReturnable = createRoute({
  method: "post",
  path: "/v1/order-lookup/returnable",
  operationId: "shopperReturnable",
  tags: ["Storefront"],
  summary: "A shopper's view of what of their order can be returned, by order number and email",
  description: "The same proof and the same rate limits as the order lookup.",
  middleware: [...storefront],
  request: { body: jsonBody(ShopperReturnableInput) },
  responses: { 200: json(Returnable, "What is returnable."), ...shopperProblems },
});

export const shopperRequestReturn = createRoute({
  method: "post",
  path: "/v1/order-lookup/returns",
  operationId: "shopperRequestReturn",
  tags: ["Storefront"],
  summary: "A shopper asks to return units of their order, by order number and email",
  description:
    "Requested, for staff to approve or decline, unless every line's reason is one the return policy approves at once. " +
    "The return window and final sale always apply.",
  middleware: [...storefront, idempotent({ required: false })],
  request: { headers: OptionalIdempotencyHeader, body: jsonBody(ShopperReturnInput) },
  responses: {
    201: json(Return, "The return."),
    ...shopperProblems,
    409: requestProblems[409],
    422: requestProblems[422],
  },
});
