import { createRoute, z } from "@hono/zod-openapi";
import { admin, storefront } from "../http/auth";
import { commonProblems, jsonBody, problem } from "../http/openapi";

const pdf = {
  description: "The return label (PDF, 4×6 inch), the RMA printed on it. Header `x-tracking-number`: the carrier's tracking number.",
  content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } },
};
const unavailable = problem(
  "return_not_approved (only an approved return gets a label; a closed one keeps the one it had; `return_status` says why), no_return_address " +
    "(the order had no shipping address), no_return_location, no_carrier_rate (no standard rate covers the parcel).",
);

export const getReturnLabel = createRoute({
  method: "get",
  path: "/v1/returns/{id}/label",
  operationId: "getReturnLabel",
  tags: ["Returns"],
  summary: "Download an approved return's shipping label (PDF), made on the first download",
  description:
    "The carrier is chosen like a shipment's (standard speed, the shopper's address to the return's location, the " +
    "returned units' weight); the tracking number and the label are made once and kept.",
  middleware: [...admin("orders:read")],
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: { 200: pdf, ...commonProblems, 404: problem("return_not_found"), 409: unavailable },
});

export const ShopperReturnLabelInput = z
  .object({
    number: z.number().int().min(1),
    email: z.string().email().max(320),
    rma: z.string().min(1).max(64).openapi({ description: "The return's number, R-<order number>-<n>." }),
  })
  .strict()
  .openapi("ShopperReturnLabelInput", { example: { number: 1001, email: "ada@example.com", rma: "R-1001-1" } });

export const shopperReturnLabel = createRoute({
  method: "post",
  path: "/v1/order-lookup/returns/label",
  operationId: "shopperReturnLabel",
  tags: ["Storefront"],
  summary: "A shopper downloads the label of their approved return, by order number, email and RMA",
  description: "The same proof and the same rate limits as the order lookup.",
  middleware: [...storefront],
  request: { body: jsonBody(ShopperReturnLabelInput) },
  responses: {
    200: pdf,
    ...commonProblems,
    404: problem("order_not_found (the number and email do not match an order), return_not_found (no such RMA on it)."),
    409: unavailable,
    429: problem("rate_limited (header Retry-After), shared with the order lookup."),
  },
});
