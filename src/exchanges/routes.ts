import { createRoute, z } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { idempotent } from "../http/idempotency";
import { commonProblems, json, jsonBody, OptionalIdempotencyHeader, problem } from "../http/openapi";
import { Exchange, ExchangeInput, ExchangePaymentInput } from "./schemas";

const tags = ["Returns"];
const ReturnPath = z.object({ id: z.string().min(1).max(64) });

export const createExchange = createRoute({
  method: "post",
  path: "/v1/returns/{id}/exchange",
  operationId: "createExchange",
  tags,
  summary: "Exchange the return's units for other SKUs of the same order (even or uneven)",
  description:
    "On a requested return the items are recorded and reserved once it is approved; on an open one they are reserved " +
    "at once (409 insufficient_stock records nothing). `difference` is what the new items cost beyond what the returned " +
    "units were paid: the shopper pays a positive one (POST …/exchange/payment) before the replacement is sent; a " +
    "negative one is refunded to the original payment when it is. The replacement is sent once every returned unit is " +
    "received, or at approval when the return policy allows advance exchanges. Asking again while the exchange is " +
    "pending replaces its items.",
  middleware: [...admin("orders:write"), idempotent({ required: false })],
  request: { params: ReturnPath, headers: OptionalIdempotencyHeader, body: jsonBody(ExchangeInput) },
  responses: {
    201: json(Exchange, "The exchange."),
    ...commonProblems,
    404: problem("return_not_found"),
    409: problem("insufficient_stock (with `shortages`), exchange_exists, exchange_not_possible, return_refunded, exchange_changed, order_changed."),
    422: problem("exchange_not_possible (with `errors`: unknown or unsellable SKU, other currency, unknown location), idempotency_key_reused."),
  },
});

export const getExchange = createRoute({
  method: "get",
  path: "/v1/returns/{id}/exchange",
  operationId: "getExchange",
  tags,
  summary: "The return's exchange: items, state and difference",
  middleware: [...admin("orders:read")],
  request: { params: ReturnPath },
  responses: { 200: json(Exchange, "The exchange."), ...commonProblems, 404: problem("return_not_found, exchange_not_found") },
});

export const payExchange = createRoute({
  method: "post",
  path: "/v1/returns/{id}/exchange/payment",
  operationId: "payExchange",
  tags: ["Payments"],
  summary: "Record the shopper's payment of the exchange's difference: the replacement is sent",
  description:
    "The merchant's server only (`payments:write`), once the provider took the money, like a capture. The amount must " +
    "equal the difference; the payment is invoiced with the replacement's lines. The same reference again answers the " +
    "exchange as it stands.",
  middleware: [...admin("payments:write"), idempotent({ required: false })],
  request: { params: ReturnPath, headers: OptionalIdempotencyHeader, body: jsonBody(ExchangePaymentInput) },
  responses: {
    200: json(Exchange, "The exchange, shipped."),
    ...commonProblems,
    404: problem("return_not_found, exchange_not_found"),
    409: problem("exchange_not_awaiting_payment (with `state` and `difference`), exchange_not_possible, return_refunded, exchange_changed, order_changed."),
    422: problem("payment_amount_mismatch, idempotency_key_reused."),
  },
});
