import { createRoute } from "@hono/zod-openapi";
import { storefront } from "../http/auth";
import { commonProblems, json, jsonBody, problem } from "../http/openapi";
import { OrderLookupInput, OrderStatus } from "./schemas";

export const lookUpOrder = createRoute({
  method: "post",
  path: "/v1/order-lookup",
  operationId: "lookUpOrder",
  tags: ["Storefront"],
  summary: "A shopper's own order by its number and email: status, items, shipments and tracking",
  description:
    "An unknown number and a wrong email answer the same 404, so guessing learns nothing. At most 10 attempts per " +
    "key and client IP, and 20 per order number from anyone, every 10 minutes; then 429 rate_limited with " +
    "`Retry-After` (seconds).",
  middleware: [...storefront],
  request: { body: jsonBody(OrderLookupInput) },
  responses: {
    200: json(OrderStatus, "The order."),
    ...commonProblems,
    404: problem("order_not_found"),
    429: problem("rate_limited (header Retry-After)."),
  },
});
