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
    "Reserves every line on the InventoryCells (all or nothing) and writes the order. With `payment` the order is " +
    "confirmed and its stock committed; without it the stock is held until `payment_due_by`, then released and the " +
    "order cancelled. Lines of the same SKU draw on the same stock.",
  middleware: [...storefront, idempotent({ required: true })],
  request: { headers: IdempotencyHeader, body: jsonBody(CheckoutInput) },
  responses: {
    201: json(Order, "The order."),
    ...commonProblems,
    409: problem("insufficient_stock (with `shortages`: sku, requested, available), or idempotency_key_in_use."),
    422: problem("unknown_sku, sku_not_sellable, currency_mismatch, invalid_pickup_location, payment_amount_mismatch, idempotency_key_reused."),
  },
});
