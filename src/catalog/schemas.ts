import { z } from "@hono/zod-openapi";
import { CurrencyCode } from "../domain/codes";

export const Sku = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "Letters, digits, dot, underscore and dash; starts with a letter or digit; at most 64")
  .openapi({ description: "Letters, digits, dot, underscore, dash; at most 64 characters. Unique across the catalog.", example: "TEE-BLK-M" });

export const Price = z
  .object({
    amount: z.number().int().min(0).max(100_000_000).openapi({ description: "Integer minor units (cents).", example: 1999 }),
    currency: CurrencyCode,
  })
  .strict()
  .openapi("Price");

const Title = z.string().trim().min(1).max(200);
const Description = z.string().trim().max(5000);
const WeightGrams = z.number().int().min(0).max(10_000_000);

export const Preorder = z
  .object({ release_at: z.number().int().min(0).openapi({ description: "Epoch milliseconds.", example: 1798761600000 }) })
  .strict()
  .openapi("Preorder", {
    description:
      "On preorder until the release date: units sold beyond stock (the cells' backorder room) before it are preorders, " +
      "and are not allocated before it. Moving the date moves it for the preorders waiting too.",
  });

export const Variant = z
  .object({
    id: z.string().openapi({ example: "var_01J0000000000000000000000" }),
    product_id: z.string(),
    sku: Sku,
    title: z.string(),
    price: Price,
    weight_grams: z.number().int(),
    active: z.boolean(),
    preorder: Preorder.nullable(),
    created_at: z.number().int(),
    updated_at: z.number().int(),
  })
  .openapi("Variant");

export const Product = z
  .object({
    id: z.string().openapi({ example: "prod_01J0000000000000000000000" }),
    title: z.string(),
    description: z.string().nullable(),
    active: z.boolean(),
    variants: z.array(Variant),
    created_at: z.number().int(),
    updated_at: z.number().int(),
  })
  .openapi("Product");

export const VariantInput = z
  .object({
    sku: Sku,
    title: Title,
    price: Price,
    weight_grams: WeightGrams.default(0),
    active: z.boolean().default(true),
    preorder: Preorder.nullable().optional(),
  })
  .strict()
  .openapi("VariantInput");

export const ProductInput = z
  .object({
    title: Title,
    description: Description.optional(),
    active: z.boolean().default(true),
    variants: z.array(VariantInput).min(1).max(100),
  })
  .strict()
  .openapi("ProductInput");

export const ProductPatch = z
  .object({ title: Title.optional(), description: Description.nullable().optional(), active: z.boolean().optional() })
  .strict()
  .openapi("ProductPatch", { description: "Only the fields sent change; `description: null` clears it." });

// No sku: it names the stock cells and order lines, so it never changes; .strict() refuses it.
export const VariantPatch = z
  .object({
    title: Title.optional(),
    price: Price.optional(),
    weight_grams: WeightGrams.optional(),
    active: z.boolean().optional(),
    preorder: Preorder.nullable().optional().openapi({ description: "`null` takes the variant off preorder." }),
  })
  .strict()
  .openapi("VariantPatch", { description: "Only the fields sent change. The SKU cannot be changed." });

export type ProductInput = z.infer<typeof ProductInput>;
export type VariantInput = z.infer<typeof VariantInput>;
export type ProductPatch = z.infer<typeof ProductPatch>;
export type VariantPatch = z.infer<typeof VariantPatch>;

