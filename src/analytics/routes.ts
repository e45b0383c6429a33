import { createRoute } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { commonProblems, json } from "../http/openapi";
import { FulfillmentDay, list, LocationDay, OrdersDay, OrdersQuery, RangeQuery, RefundsDay, ReturnsQuery, ReturnsRow } from "./schemas";

const tags = ["Analytics"];
const read = admin("orders:read");
const note = "Daily rollups kept by the cron (every minute); changes show within a few minutes. Scope `orders:read`.";

export const ordersAnalytics = createRoute({
  method: "get",
  path: "/v1/analytics/orders",
  operationId: "getOrdersAnalytics",
  tags,
  summary: "Orders, units, revenue, average order value and cancellations per day, channel and currency",
  description: `Days by when the order was placed (UTC). ${note}`,
  middleware: [...read],
  request: { query: OrdersQuery },
  responses: { 200: json(list(OrdersDay, "AnalyticsOrders"), "One row per day, channel and currency with orders."), ...commonProblems },
});

export const fulfillmentAnalytics = createRoute({
  method: "get",
  path: "/v1/analytics/fulfillment",
  operationId: "getFulfillmentAnalytics",
  tags,
  summary: "Shipments, lead time (p50, p90) and on-time rate per day",
  description: `Days by when the shipment left (UTC); one order shipped from two locations counts twice. ${note}`,
  middleware: [...read],
  request: { query: RangeQuery },
  responses: { 200: json(list(FulfillmentDay, "AnalyticsFulfillment"), "One row per day with shipments."), ...commonProblems },
});

export const locationAnalytics = createRoute({
  method: "get",
  path: "/v1/analytics/locations",
  operationId: "getLocationAnalytics",
  tags,
  summary: "Units shipped per day and location",
  description: `Days by when the shipment left (UTC). ${note}`,
  middleware: [...read],
  request: { query: RangeQuery },
  responses: { 200: json(list(LocationDay, "AnalyticsLocations"), "One row per day and location that shipped."), ...commonProblems },
});

export const returnsAnalytics = createRoute({
  method: "get",
  path: "/v1/analytics/returns",
  operationId: "getReturnsAnalytics",
  tags,
  summary: "Return rate (returned / shipped units) and restock rate (restocked / received) per day, SKU, reason or channel",
  description:
    "Returned units by the day the return was asked for, shipped units by the day they left (UTC); only approved returns " +
    `count. ${note}`,
  middleware: [...read],
  request: { query: ReturnsQuery },
  responses: { 200: json(list(ReturnsRow, "AnalyticsReturns"), "One row per group with returns or shipments."), ...commonProblems },
});

export const refundsAnalytics = createRoute({
  method: "get",
  path: "/v1/analytics/refunds",
  operationId: "getRefundsAnalytics",
  tags,
  summary: "Refund count and value, and time from a return's request to its refund, per day, channel and currency",
  description: `Days by when the refund was recorded (UTC). ${note}`,
  middleware: [...read],
  request: { query: OrdersQuery },
  responses: { 200: json(list(RefundsDay, "AnalyticsRefunds"), "One row per day, channel and currency with refunds."), ...commonProblems },
});
