import { createRoute, z } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { idempotent } from "../http/idempotency";
import { commonProblems, json, jsonBody, OptionalIdempotencyHeader, problem } from "../http/openapi";
import { ReturnPath } from "../returns/schemas";
import { OrderRefundInput, Refund, RefundList, RefundPath, RefundPreview, RetryRefundInput, ReturnRefundInput } from "./schemas";

const tags = ["Refunds"];
const OrderPath = z.object({ id: z.string().min(1).max(64) });
const issueProblems = {
  ...commonProblems,
  409: problem("refund_changed (another refund or payment of the order came first: calculate again), return_not_refundable."),
  422: problem(
    "refund_not_possible (with `errors`), nothing_to_refund, refund_exceeds_captured (with `max_refundable`), store_credit_needs_customer, idempotency_key_reused.",
  ),
};

export const calculateReturnRefund = createRoute({
  method: "post",
  path: "/v1/returns/{id}/calculate",
  operationId: "calculateReturnRefund",
  tags,
  summary: "Preview the refund of a return: items as paid, tax, shipping, fees, how it is split; nothing is written",
  description:
    "Items are refunded as they were paid: each line's total (after the order's discounts as allocated to it) shared " +
    "over its units so that refunding every unit gives back exactly the line total; the order's tax in proportion, so " +
    "refunding everything gives back exactly tax_total. Restocking fees (the policy's percent) are kept per unit and the " +
    "return shipping fee once per return, both waived for defective and wrong items.",
  middleware: [...admin("orders:read")],
  request: { params: ReturnPath, body: jsonBody(ReturnRefundInput) },
  responses: { 200: json(RefundPreview, "What process would refund."), ...issueProblems, 404: problem("return_not_found") },
});

export const processReturnRefund = createRoute({
  method: "post",
  path: "/v1/returns/{id}/process",
  operationId: "processReturnRefund",
  tags,
  summary: "Refund a return exactly as calculate shows it: to the original payment, as store credit, or split",
  description:
    "One batch writes the refund, its payments rows and credit notes, the return lines' refunded units and the order's " +
    "payment status; a refund to the original payment then goes to the provider and is `pending` until it confirms. A " +
    "unit is never refunded twice: a retry with the same key answers the first refund, a second request finds nothing " +
    "left (422 nothing_to_refund) or loses the race (409 refund_changed).",
  middleware: [...admin("orders:write"), idempotent({ required: false })],
  request: { params: ReturnPath, headers: OptionalIdempotencyHeader, body: jsonBody(ReturnRefundInput) },
  responses: { 201: json(Refund, "The refund."), ...issueProblems, 404: problem("return_not_found") },
});

export const createOrderRefund = createRoute({
  method: "post",
  path: "/v1/orders/{id}/refunds",
  operationId: "createOrderRefund",
  tags,
  summary: "Refund without a return: goodwill, a price adjustment or shipping, up to what was captured minus refunded",
  middleware: [...admin("orders:write"), idempotent({ required: false })],
  request: { params: OrderPath, headers: OptionalIdempotencyHeader, body: jsonBody(OrderRefundInput) },
  responses: { 201: json(Refund, "The refund."), ...issueProblems, 404: problem("order_not_found") },
});

export const listOrderRefunds = createRoute({
  method: "get",
  path: "/v1/orders/{id}/refunds",
  operationId: "listOrderRefunds",
  tags,
  summary: "The order's refunds, oldest first, with where each stands",
  middleware: [...admin("orders:read")],
  request: { params: OrderPath },
  responses: { 200: json(RefundList, "The refunds."), ...commonProblems, 404: problem("order_not_found") },
});

export const getRefund = createRoute({
  method: "get",
  path: "/v1/refunds/{id}",
  operationId: "getRefund",
  tags,
  summary: "One refund",
  middleware: [...admin("orders:read")],
  request: { params: RefundPath },
  responses: { 200: json(Refund, "The refund."), ...commonProblems, 404: problem("refund_not_found") },
});

export const retryRefund = createRoute({
  method: "post",
  path: "/v1/refunds/{id}/retry",
  operationId: "retryRefund",
  tags,
  summary: "Settle a refund the provider refused: send it to the original payment again, or give it as store credit",
  description: "The refund keeps its credit note, now naming the new payment.",
  middleware: [...admin("orders:write"), idempotent({ required: false })],
  request: { params: RefundPath, headers: OptionalIdempotencyHeader, body: jsonBody(RetryRefundInput) },
  responses: {
    200: json(Refund, "The refund, pending again or refunded as store credit."),
    ...commonProblems,
    404: problem("refund_not_found"),
    409: problem("refund_not_failed, refund_changed."),
    422: problem("refund_exceeds_captured, store_credit_needs_customer, idempotency_key_reused."),
  },
});
