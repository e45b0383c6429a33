import { createRoute, z } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { commonProblems, json, jsonBody, problem } from "../http/openapi";
import { DeliveryQuery, DeliveryRow } from "./report-schemas";
import { CalendarInput, DeliveryCalendar, LocationPath, TransitTimes } from "./schemas";

const tags = ["Delivery promises"];
const note = "Availability and checkout read these through a cache of at most 30 seconds per isolate.";

export const getTransitTimes = createRoute({
  method: "get",
  path: "/v1/settings/transit-times",
  operationId: "getTransitTimes",
  tags,
  summary: "Transit times per carrier service and destination zone (country, optional postcode prefix)",
  description: "Needs `locations:read`.",
  middleware: [...admin("locations:read")],
  responses: { 200: json(TransitTimes, "The whole table."), ...commonProblems },
});

export const putTransitTimes = createRoute({
  method: "put",
  path: "/v1/settings/transit-times",
  operationId: "putTransitTimes",
  tags,
  summary: "Replace the transit-time table",
  description:
    "The table sent becomes the table. A delivery estimate takes, per service of the asked speed, the most specific " +
    "row (the location's own before any-location, then the longest postcode prefix) and promises the slowest of those " +
    `services. Needs \`locations:write\`. ${note}`,
  middleware: [...admin("locations:write")],
  request: { body: jsonBody(TransitTimes) },
  responses: { 200: json(TransitTimes, "The table as stored."), ...commonProblems, 404: problem("location_not_found: a row names an unknown location.") },
});

export const getDeliveryCalendar = createRoute({
  method: "get",
  path: "/v1/locations/{location_id}/delivery-calendar",
  operationId: "getDeliveryCalendar",
  tags,
  summary: "A location's order cut-off, working days, carrier days and holidays",
  description: "The default calendar (is_default) until the merchant sets one. Needs `locations:read`.",
  middleware: [...admin("locations:read")],
  request: { params: LocationPath },
  responses: { 200: json(DeliveryCalendar, "The calendar."), ...commonProblems, 404: problem("location_not_found") },
});

export const putDeliveryCalendar = createRoute({
  method: "put",
  path: "/v1/locations/{location_id}/delivery-calendar",
  operationId: "putDeliveryCalendar",
  tags,
  summary: "Set a location's order cut-off, working days, carrier days and holidays",
  description: `Needs \`locations:write\`. ${note}`,
  middleware: [...admin("locations:write")],
  request: { params: LocationPath, body: jsonBody(CalendarInput) },
  responses: { 200: json(DeliveryCalendar, "The calendar as stored."), ...commonProblems, 404: problem("location_not_found") },
});

export const deliveryAnalytics = createRoute({
  method: "get",
  path: "/v1/analytics/delivery",
  operationId: "getDeliveryAnalytics",
  tags: ["Analytics"],
  summary: "On-time delivery (delivered by the promise) and carrier transit times, per day, location, carrier and service",
  description:
    "Days by when the shipment was delivered (UTC); on-time shipment stays in /v1/analytics/fulfillment. Daily rollups " +
    "kept by the cron; changes show within a few minutes. Scope `orders:read`.",
  middleware: [...admin("orders:read")],
  request: { query: DeliveryQuery },
  responses: { 200: json(z.object({ data: z.array(DeliveryRow) }).openapi("DeliveryAnalytics"), "One row per group with deliveries."), ...commonProblems },
});
