import { createRoute, z } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { commonProblems, problem } from "../http/openapi";

const tags = ["Fulfillment"];
const read = admin("orders:read");
const IdParam = z.object({ id: z.string().max(128) });
const pdf = (description: string) => ({
  description,
  content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } },
});
// 404 rather than 409 while a document is being made: the document does not exist yet, nothing conflicts,
// and a client simply asks again later. Pickup fulfillments never get a carrier label (no_carrier_label).
const missing = (what: string) => ({
  404: problem(`No such fulfillment (fulfillment_not_found), or its ${what} is not made yet (label_not_ready).`),
});

export const getLabel = createRoute({
  method: "get",
  path: "/v1/fulfillments/{id}/label",
  operationId: "getFulfillmentLabel",
  tags,
  summary: "Download the 4×6 inch shipping label (PDF)",
  description: "Made by the label job shortly after the fulfillment is created; 404 `label_not_ready` until then.",
  middleware: [...read],
  request: { params: IdParam },
  responses: { 200: pdf("The shipping label."), ...commonProblems, ...missing("label") },
});

export const getPackingSlip = createRoute({
  method: "get",
  path: "/v1/fulfillments/{id}/packing-slip",
  operationId: "getFulfillmentPackingSlip",
  tags,
  summary: "Download the packing slip (PDF, A4)",
  description: "Lists the lines of the fulfillment; made by the label job, 404 `label_not_ready` until then.",
  middleware: [...read],
  request: { params: IdParam },
  responses: { 200: pdf("The packing slip."), ...commonProblems, ...missing("packing slip") },
});
