import { createRoute, z } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { idempotent } from "../http/idempotency";
import { commonProblems, json, jsonBody, OptionalIdempotencyHeader, page, PageQuery, problem, BoolQuery } from "../http/openapi";
import { Product, ProductInput, ProductPatch, Sku, Variant, VariantInput, VariantPatch } from "./schemas";

const tags = ["Catalog"];
const read = admin("catalog:read");
const write = admin("catalog:write");
const IdParam = z.object({ id: z.string().max(64) });
const noProduct = { 404: problem("No such product (product_not_found).") };
const skuTaken = { 409: problem("A SKU is already in the catalog or repeated in the request (sku_taken).") };
const keyReused = { 422: problem("Idempotency-Key reused with another body.") };

export const createProduct = createRoute({
  method: "post",
  path: "/v1/products",
  operationId: "createProduct",
  tags,
  summary: "Create a product with its variants, all or nothing",
  middleware: [...write, idempotent({ required: false })],
  request: { headers: OptionalIdempotencyHeader, body: jsonBody(ProductInput) },
  responses: { 201: json(Product, "The product with its variants."), ...commonProblems, ...skuTaken, ...keyReused },
});

export const listProducts = createRoute({
  method: "get",
  path: "/v1/products",
  operationId: "listProducts",
  tags,
  summary: "List products with their variants, newest first",
  middleware: [...read],
  request: { query: PageQuery.extend({ active: BoolQuery.optional().openapi({ description: "Only active (or inactive) products." }) }) },
  responses: { 200: json(page(Product, "ProductPage"), "A page of products."), ...commonProblems },
});

export const getProduct = createRoute({
  method: "get",
  path: "/v1/products/{id}",
  operationId: "getProduct",
  tags,
  summary: "Get a product with its variants",
  middleware: [...read],
  request: { params: IdParam },
  responses: { 200: json(Product, "The product."), ...commonProblems, ...noProduct },
});

export const updateProduct = createRoute({
  method: "patch",
  path: "/v1/products/{id}",
  operationId: "updateProduct",
  tags,
  summary: "Change a product's title, description or active flag",
  middleware: [...write],
  request: { params: IdParam, body: jsonBody(ProductPatch) },
  responses: { 200: json(Product, "The changed product."), ...commonProblems, ...noProduct },
});

export const addVariant = createRoute({
  method: "post",
  path: "/v1/products/{id}/variants",
  operationId: "addVariant",
  tags,
  summary: "Add a variant to a product",
  middleware: [...write, idempotent({ required: false })],
  request: { params: IdParam, headers: OptionalIdempotencyHeader, body: jsonBody(VariantInput) },
  responses: { 201: json(Variant, "The new variant."), ...commonProblems, ...noProduct, ...skuTaken, ...keyReused },
});

export const updateVariant = createRoute({
  method: "patch",
  path: "/v1/variants/{id}",
  operationId: "updateVariant",
  tags,
  summary: "Change a variant's title, price, weight or active flag (never its SKU)",
  middleware: [...write],
  request: { params: IdParam, body: jsonBody(VariantPatch) },
  responses: { 200: json(Variant, "The changed variant."), ...commonProblems, 404: problem("No such variant (variant_not_found).") },
});

// One `sku` arrives as a string, several as an array; both mean a list.
const SkuList = z.preprocess((v) => (typeof v === "string" ? [v] : v), z.array(Sku).min(1).max(100));

export const listVariants = createRoute({
  method: "get",
  path: "/v1/variants",
  operationId: "listVariants",
  tags,
  summary: "Look variants up by SKU, or list them newest first",
  middleware: [...read],
  request: {
    query: PageQuery.extend({
      sku: SkuList.optional().openapi({
        description: "Repeat to look up several (`?sku=A&sku=B`, at most 100). Every match comes in one page; unknown SKUs are left out.",
      }),
    }),
  },
  responses: { 200: json(page(Variant, "VariantPage"), "A page of variants."), ...commonProblems },
});
