import { createRoute, z } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { idempotent } from "../http/idempotency";
import { commonProblems, json, jsonBody, OptionalIdempotencyHeader, problem } from "../http/openapi";
import { PackTally, ScanInput, ScanResult } from "./schemas";

const tags = ["Fulfillment"];
const FulfillmentPath = z.object({ id: z.string().min(1).max(100) });

export const recordPackScan = createRoute({
  method: "post",
  path: "/v1/fulfillments/{id}/scans",
  operationId: "recordPackScan",
  tags,
  summary: "Scan one unit into the parcel at the packing bench",
  description:
    "A unit of the shipment is counted into the parcel (outcome `packed`). A SKU the shipment does not hold " +
    "(`wrong_item`) or a unit beyond its quantity (`surplus`) is refused (`accepted: false`, with the message to show) " +
    "and recorded too, so refusals are counted per shipment. Needs `orders:write`.",
  middleware: [...admin("orders:write"), idempotent({ required: false })] as const,
  request: { params: FulfillmentPath, headers: OptionalIdempotencyHeader, body: jsonBody(ScanInput) },
  responses: {
    201: json(ScanResult, "The scan as recorded, and the shipment's tally after it."),
    ...commonProblems,
    404: problem("fulfillment_not_found"),
    409: problem("not_packing: the shipment is packed, shipped or cancelled."),
    422: problem("idempotency_key_reused."),
  },
});

export const getPackTally = createRoute({
  method: "get",
  path: "/v1/fulfillments/{id}/scans",
  operationId: "getPackTally",
  tags,
  summary: "The packing tally of a shipment: expected and scanned per SKU, refused scans",
  description: "Needs `orders:read`.",
  middleware: [...admin("orders:read")],
  request: { params: FulfillmentPath },
  responses: { 200: json(PackTally, "The tally."), ...commonProblems, 404: problem("fulfillment_not_found") },
});
