import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { pageOf } from "../http/pagination";
import { notFound } from "../http/problem";
import type * as routes from "./routes";
import { forgetCatalog } from "../read-model/cache";
import * as store from "./store";
import { releasesOf } from "../backorders/preorders";
import { reconsiderSku } from "../backorders/allocate";
import type { ProductRow, VariantRow } from "./store";

type Releases = Map<string, number>;

/** The preorder release dates of the variants about to be shown. */
const releasesFor = (db: D1Database, variants: VariantRow[]) => releasesOf(db, variants.map((v) => v.sku));

const presentVariant = (v: VariantRow, releases: Releases) => ({
  id: v.id,
  product_id: v.productId,
  sku: v.sku,
  title: v.title,
  price: { amount: v.priceAmount, currency: v.currency },
  weight_grams: v.weightGrams,
  active: v.active,
  preorder: releases.has(v.sku) ? { release_at: releases.get(v.sku)! } : null,
  created_at: v.createdAt,
  updated_at: v.updatedAt,
});

const presentProduct = (releases: Releases) => (p: ProductRow & { variants: VariantRow[] }) => ({
  id: p.id,
  title: p.title,
  description: p.description,
  active: p.active,
  variants: p.variants.map((v) => presentVariant(v, releases)),
  created_at: p.createdAt,
  updated_at: p.updatedAt,
});

const productNotFound = () => notFound("product_not_found", "No product has this id.");

export const createProduct: RouteHandler<typeof routes.createProduct, AppEnv> = async (c) => {
  const product = await store.createProduct(c.env.DB, c.req.valid("json"));
  forgetCatalog(); // a SKU looked up before it existed is remembered as unknown
  return c.json(presentProduct(await releasesFor(c.env.DB, product.variants))(product), 201);
};

export const listProducts: RouteHandler<typeof routes.listProducts, AppEnv> = async (c) => {
  const q = c.req.valid("query");
  const rows = await store.listProducts(c.env.DB, q);
  return c.json(pageOf(rows, q.limit, (p) => p.id, presentProduct(await releasesFor(c.env.DB, rows.flatMap((p) => p.variants)))), 200);
};

export const getProduct: RouteHandler<typeof routes.getProduct, AppEnv> = async (c) => {
  const product = await store.getProduct(c.env.DB, c.req.valid("param").id);
  if (!product) throw productNotFound();
  return c.json(presentProduct(await releasesFor(c.env.DB, product.variants))(product), 200);
};

export const updateProduct: RouteHandler<typeof routes.updateProduct, AppEnv> = async (c) => {
  const product = await store.updateProduct(c.env.DB, c.req.valid("param").id, c.req.valid("json"));
  forgetCatalog();
  if (!product) throw productNotFound();
  return c.json(presentProduct(await releasesFor(c.env.DB, product.variants))(product), 200);
};

export const addVariant: RouteHandler<typeof routes.addVariant, AppEnv> = async (c) => {
  const variant = await store.addVariant(c.env.DB, c.req.valid("param").id, c.req.valid("json"));
  forgetCatalog();
  if (!variant) throw productNotFound();
  return c.json(presentVariant(variant, await releasesFor(c.env.DB, [variant])), 201);
};

export const updateVariant: RouteHandler<typeof routes.updateVariant, AppEnv> = async (c) => {
  const patch = c.req.valid("json");
  const variant = await store.updateVariant(c.env.DB, c.req.valid("param").id, patch);
  forgetCatalog();
  if (!variant) throw notFound("variant_not_found", "No variant has this id.");
  // A new release date (or none) may make waiting preorders due: their cells look again.
  if (patch.preorder !== undefined) await reconsiderSku(c.env, variant.sku, Date.now());
  return c.json(presentVariant(variant, await releasesFor(c.env.DB, [variant])), 200);
};

export const listVariants: RouteHandler<typeof routes.listVariants, AppEnv> = async (c) => {
  const { limit, cursor, sku } = c.req.valid("query");
  const rows = sku ? await store.findVariantsBySku(c.env.DB, sku) : await store.listVariants(c.env.DB, limit, cursor);
  const releases = await releasesFor(c.env.DB, rows);
  if (sku) return c.json({ data: rows.map((v) => presentVariant(v, releases)), next_cursor: null }, 200);
  return c.json(pageOf(rows, limit, (v) => v.id, (v) => presentVariant(v, releases)), 200);
};
