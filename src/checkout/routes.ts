import { createRoute } from "@hono/zod-openapi";
import { storefront } from "../http/auth";
import { idempotent } from "../http/idempotency";
import { commonProblems, IdempotencyHeader, json, jsonBody, problem } from "../http/openapi";
import { Order } from "../orders/schemas";
import { CheckoutInput } from "./schemas";

export const createCheckout = createRoute({
  method: "post",
  path: "/v1/checkouts",
  operationId: "createCheckout",
  tags: ["Storefront"],
  summary: "Place an order from a cart",
  description:
    "Reserves every line on the InventoryCells (all or nothing) and writes the order. Without `payment` the stock is " +
    "held until `payment_due_by`, then released and the order cancelled, unless the payment is confirmed first (a " +
    "secret key with `payments:write`, or the provider's signed webhook). `payment` itself is accepted only from a " +
    "secret key with `payments:write` (403 payment_requires_secret_key, nothing reserved): the order is then confirmed " +
    "and its stock committed. A publishable key's answer leaves out the fraud score, reasons and hold. Lines of the " +
    "same SKU draw on the same stock.",
  middleware: [...storefront, idempotent({ required: true })],
  request: { headers: IdempotencyHeader, body: jsonBody(CheckoutInput) },
  responses: {
    201: json(Order, "The order."),
    ...commonProblems,
    403: problem("The key lacks the scope (insufficient_scope), or `payment` was sent without `payments:write` (payment_requires_secret_key)."),
    409: problem("insufficient_stock (with `shortages`: sku, requested, available), or idempotency_key_in_use."),
    422: problem("unknown_sku, sku_not_sellable, currency_mismatch, invalid_pickup_location, payment_amount_mismatch, checkout_too_large, idempotency_key_reused."),
    429: problem("too_many_reservations (header Retry-After): this publishable key has reserved as many unpaid units from this client IP as the window allows; nothing was reserved."),
  },
});
