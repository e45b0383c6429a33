import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { pageOf } from "../http/pagination";
import { notFound } from "../http/problem";
import type * as routes from "./routes";
import { forgetCatalog } from "../read-model/cache";
import * as store from "./store";
import type { ProductRow, VariantRow } from "./store";

const presentVariant = (v: VariantRow) => ({
  id: v.id,
  product_id: v.productId,
  sku: v.sku,
  title: v.title,
  price: { amount: v.priceAmount, currency: v.currency },
  weight_grams: v.weightGrams,
  active: v.active,
  created_at: v.createdAt,
  updated_at: v.updatedAt,
});

const presentProduct = (p: ProductRow & { variants: VariantRow[] }) => ({
  id: p.id,
  title: p.title,
  description: p.description,
  active: p.active,
  variants: p.variants.map(presentVariant),
  created_at: p.createdAt,
  updated_at: p.updatedAt,
});

const productNotFound = () => notFound("product_not_found", "No product has this id.");

export const createProduct: RouteHandler<typeof routes.createProduct, AppEnv> = async (c) => {
  const product = await store.createProduct(c.env.DB, c.req.valid("json"));
  forgetCatalog(); // a SKU looked up before it existed is remembered as unknown
  return c.json(presentProduct(product), 201);
};

export const listProducts: RouteHandler<typeof routes.listProducts, AppEnv> = async (c) => {
  const q = c.req.valid("query");
  return c.json(pageOf(await store.listProducts(c.env.DB, q), q.limit, (p) => p.id, presentProduct), 200);
};

export const getProduct: RouteHandler<typeof routes.getProduct, AppEnv> = async (c) => {
  const product = await store.getProduct(c.env.DB, c.req.valid("param").id);
  if (!product) throw productNotFound();
  return c.json(presentProduct(product), 200);
};

export const updateProduct: RouteHandler<typeof routes.updateProduct, AppEnv> = async (c) => {
  const product = await store.updateProduct(c.env.DB, c.req.valid("param").id, c.req.valid("json"));
  forgetCatalog();
  if (!product) throw productNotFound();
  return c.json(presentProduct(product), 200);
};

export const addVariant: RouteHandler<typeof routes.addVariant, AppEnv> = async (c) => {
  const variant = await store.addVariant(c.env.DB, c.req.valid("param").id, c.req.valid("json"));
  forgetCatalog();
  if (!variant) throw productNotFound();
  return c.json(presentVariant(variant), 201);
};

export const updateVariant: RouteHandler<typeof routes.updateVariant, AppEnv> = async (c) => {
  const variant = await store.updateVariant(c.env.DB, c.req.valid("param").id, c.req.valid("json"));
  forgetCatalog();
  if (!variant) throw notFound("variant_not_found", "No variant has this id.");
  return c.json(presentVariant(variant), 200);
};

export const listVariants: RouteHandler<typeof routes.listVariants, AppEnv> = async (c) => {
  const { limit, cursor, sku } = c.req.valid("query");
  if (sku) return c.json({ data: (await store.findVariantsBySku(c.env.DB, sku)).map(presentVariant), next_cursor: null }, 200);
  return c.json(pageOf(await store.listVariants(c.env.DB, limit, cursor), limit, (v) => v.id, presentVariant), 200);
};
