import { createRoute } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { commonProblems, json, jsonBody } from "../http/openapi";
import { CheckoutLimits } from "./schemas";

const tags = ["Settings"];
const description =
  "Limits on what checkouts may reserve, so an unpaid cart cannot hoard stock: beyond `max_units_per_checkout` a " +
  "checkout is 422 checkout_too_large; beyond `max_held_units_per_window` unpaid units per publishable key and client IP " +
  "it is 429 too_many_reservations with `Retry-After`. Staff with orders:read read them, orders:write changes them.";

export const getCheckoutLimits = createRoute({
  method: "get",
  path: "/v1/settings/checkout-limits",
  operationId: "getCheckoutLimits",
  tags,
  summary: "The reservation limits checkouts are held to",
  description,
  middleware: [...admin("orders:read")],
  responses: { 200: json(CheckoutLimits, "The limits in force."), ...commonProblems },
});

export const putCheckoutLimits = createRoute({
  method: "put",
  path: "/v1/settings/checkout-limits",
  operationId: "putCheckoutLimits",
  tags,
  summary: "Replace the reservation limits",
  description: `${description} Applies to checkouts within 5 seconds in every isolate.`,
  middleware: [...admin("orders:write")],
  request: { body: jsonBody(CheckoutLimits) },
  responses: { 200: json(CheckoutLimits, "The limits now in force."), ...commonProblems },
});
