import { isUniqueViolation } from "../db/errors";
import { and, asc, desc, eq, inArray, lt } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { monotonicFactory } from "ulid";
import { products, variants } from "../db/schema";
import { conflict } from "../http/problem";
import type { ProductInput, ProductPatch, VariantInput, VariantPatch } from "./schemas";
import { prepareAll } from "../db/sql";
import { setPreorderSql } from "../backorders/preorders";

// Monotonic: ids minted in one request (one millisecond) still sort in creation order, which lists rely on.
const ulid = monotonicFactory();

export type ProductRow = typeof products.$inferSelect;
export type VariantRow = typeof variants.$inferSelect;

// D1 binds at most 100 parameters per statement.
const IN_CHUNK = 90;
// A variant row binds 10 values, so 9 rows stay under that limit.
const INSERT_CHUNK = 9;

const chunks = <T>(items: T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

async function inChunks<T, R>(items: T[], run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  return (await Promise.all(chunks(items, IN_CHUNK).map(run))).flat();
}

/** What the checkout needs to price and check a cart line, for every known SKU of `skus`. */
export async function variantsBySkus(db: D1Database, skus: string[]) {
  const d = drizzle(db);
  return inChunks([...new Set(skus)], (chunk) =>
    d
      .select({
        id: variants.id,
        sku: variants.sku,
        title: variants.title,
        priceAmount: variants.priceAmount,
        currency: variants.currency,
        weightGrams: variants.weightGrams,
        active: variants.active,
        productId: variants.productId,
        productActive: products.active,
      })
      .from(variants)
      .innerJoin(products, eq(products.id, variants.productId))
      .where(inArray(variants.sku, chunk))
      .all(),
  );
}

export type SkuVariant = Awaited<ReturnType<typeof variantsBySkus>>[number];

/** Full variant rows for the known SKUs of `skus`, newest first. */
export async function findVariantsBySku(db: D1Database, skus: string[]) {
  const rows = await inChunks([...new Set(skus)], (chunk) => drizzle(db).select().from(variants).where(inArray(variants.sku, chunk)).all());
  return rows.sort((a, b) => (a.id < b.id ? 1 : -1));
}

const skuTaken = (sku: string) => conflict("sku_taken", `SKU ${sku} is already in use.`, { sku });

/** Refuses a SKU repeated in `skus` or already in the catalog, naming it. */
async function assertSkusFree(db: D1Database, skus: string[]) {
  const repeated = skus.find((s, i) => skus.indexOf(s) !== i);
  if (repeated) throw conflict("sku_taken", `SKU ${repeated} appears twice in this request.`, { sku: repeated });
  const [taken] = await findVariantsBySku(db, skus);
  if (taken) throw skuTaken(taken.sku);
}


/** The unique index is the last word: a concurrent writer may take a SKU between our check and our write. */
async function writeVariants<T>(db: D1Database, skus: string[], write: () => Promise<T>): Promise<T> {
  await assertSkusFree(db, skus);
  try {
    return await write();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const [taken] = await findVariantsBySku(db, skus);
    throw skuTaken(taken?.sku ?? skus.join(", "));
  }
}

const variantRow = (productId: string, v: VariantInput, now: number): VariantRow => ({
  id: `var_${ulid()}`,
  productId,
  sku: v.sku,
  title: v.title,
  priceAmount: v.price.amount,
  currency: v.price.currency,
  weightGrams: v.weight_grams,
  active: v.active,
  createdAt: now,
  updatedAt: now,
});

export async function createProduct(db: D1Database, input: ProductInput) {
  const now = Date.now();
  const product: ProductRow = {
    id: `prod_${ulid()}`,
    title: input.title,
    description: input.description ?? null,
    active: input.active,
    createdAt: now,
    updatedAt: now,
  };
  const rows = input.variants.map((v) => variantRow(product.id, v, now));
  const d = drizzle(db);
  // One batch is one transaction: a taken SKU in the last chunk leaves no product behind.
  await writeVariants(db, rows.map((r) => r.sku), () =>
    d.batch([d.insert(products).values(product), ...chunks(rows, INSERT_CHUNK).map((c) => d.insert(variants).values(c))]),
  );
  await savePreorders(db, input.variants, now);
  return { ...product, variants: rows };
}

/** Null when the product does not exist. */
export async function addVariant(db: D1Database, productId: string, input: VariantInput) {
  const product = await drizzle(db).select({ id: products.id }).from(products).where(eq(products.id, productId)).get();
  if (!product) return null;
  const row = variantRow(productId, input, Date.now());
  await writeVariants(db, [row.sku], () => drizzle(db).insert(variants).values(row).run());
  await savePreorders(db, [input], row.createdAt);
  return row;
}

export async function getProduct(db: D1Database, id: string) {
  const product = await drizzle(db).select().from(products).where(eq(products.id, id)).get();
  return product ? (await withVariants(db, [product]))[0] : null;
}

export async function listProducts(db: D1Database, q: { limit: number; cursor?: string; active?: boolean }) {
  const rows = await drizzle(db)
    .select()
    .from(products)
    .where(and(q.cursor ? lt(products.id, q.cursor) : undefined, q.active === undefined ? undefined : eq(products.active, q.active)))
    .orderBy(desc(products.id))
    .limit(q.limit + 1)
    .all();
  return withVariants(db, rows);
}

async function withVariants(db: D1Database, rows: ProductRow[]) {
  const all = await inChunks(
    rows.map((p) => p.id),
    (ids) => drizzle(db).select().from(variants).where(inArray(variants.productId, ids)).orderBy(asc(variants.id)).all(),
  );
  const byProduct = new Map<string, VariantRow[]>();
  for (const v of all) byProduct.get(v.productId)?.push(v) ?? byProduct.set(v.productId, [v]);
  return rows.map((p) => ({ ...p, variants: byProduct.get(p.id) ?? [] }));
}

export async function updateProduct(db: D1Database, id: string, patch: ProductPatch) {
  await drizzle(db)
    .update(products)
    .set({ ...patch, updatedAt: Date.now() })
    .where(eq(products.id, id));
  return getProduct(db, id);
}

export async function updateVariant(db: D1Database, id: string, patch: VariantPatch) {
  const d = drizzle(db);
  await d
    .update(variants)
    .set({
      title: patch.title,
      priceAmount: patch.price?.amount,
      currency: patch.price?.currency,
      weightGrams: patch.weight_grams,
      active: patch.active,
      updatedAt: Date.now(),
    })
    .where(eq(variants.id, id));
  const row = await d.select().from(variants).where(eq(variants.id, id)).get();
  if (row) await savePreorders(db, [{ sku: row.sku, preorder: patch.preorder }], Date.now());
  return row;
}

/** Preorder settings of the variants that carry one; `undefined` leaves a variant's as it is. */
async function savePreorders(db: D1Database, list: { sku: string; preorder?: { release_at: number } | null }[], now: number) {
  const statements = list.filter((v) => v.preorder !== undefined).flatMap((v) => setPreorderSql(v.sku, v.preorder?.release_at ?? null, now));
  if (statements.length) await db.batch(prepareAll(db, statements));
}

export const listVariants = (db: D1Database, limit: number, cursor?: string) =>
  drizzle(db)
    .select()
    .from(variants)
    .where(cursor ? lt(variants.id, cursor) : undefined)
    .orderBy(desc(variants.id))
    .limit(limit + 1)
    .all();
