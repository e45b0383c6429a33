import { createRoute, z } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { commonProblems, json, jsonBody, problem } from "../http/openapi";
import { Barcode, BarcodeInput, BarcodeList } from "./schemas";

const tags = ["Catalog"];

export const setBarcode = createRoute({
  method: "put",
  path: "/v1/barcodes/{code}",
  operationId: "setBarcode",
  tags,
  summary: "Give a variant a printed barcode (GTIN/UPC/EAN)",
  description:
    "The code's check digit is verified (422 invalid_barcode). One code names one SKU: a code already given to another " +
    "SKU is 409 barcode_taken; the same SKU again changes nothing. A SKU may carry several codes. Needs `catalog:write`.",
  middleware: [...admin("catalog:write")],
  request: { params: z.object({ code: z.string().min(1).max(40) }), body: jsonBody(BarcodeInput) },
  responses: { 200: json(Barcode, "The barcode."), ...commonProblems, 409: problem("barcode_taken"), 422: problem("invalid_barcode, unknown_sku") },
});

export const listBarcodes = createRoute({
  method: "get",
  path: "/v1/barcodes",
  operationId: "listBarcodes",
  tags,
  summary: "Barcodes, of one SKU or all",
  description: "Needs `catalog:read`.",
  middleware: [...admin("catalog:read")],
  request: { query: z.object({ sku: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }) },
  responses: { 200: json(BarcodeList, "The barcodes, by code."), ...commonProblems },
});
