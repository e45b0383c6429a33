import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { variantsBySkus } from "../../src/catalog/store";
import { admin, raw } from "../helpers/client";

let n = 0;
const sku = (label = "V") => `${label}-${++n}`;
const variant = (s = sku()) => ({ sku: s, title: s, price: { amount: 500, currency: "EUR" } });
const product = async (skus = [sku()], active = true) =>
  (await admin().POST("/v1/products", { body: { title: "Mug", active, variants: skus.map(variant) } })).data!;
const patch = (id: string, body: unknown) =>
  raw(`/v1/variants/${id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("variants", () => {
  it("adds a variant to a product", async () => {
    const p = await product();
    const added = sku("ADD");
    const { data, response } = await admin().POST("/v1/products/{id}/variants", {
      params: { path: { id: p.id } },
      body: { ...variant(added), weight_grams: 350 },
    });
    expect(response.status).toBe(201);
    expect(data).toMatchObject({ sku: added, product_id: p.id, weight_grams: 350, active: true });
    const got = await admin().GET("/v1/products/{id}", { params: { path: { id: p.id } } });
    expect(got.data!.variants.map((v) => v.sku)).toEqual([p.variants[0].sku, added]);
  });

  it("refuses to add a taken SKU, or to a missing product", async () => {
    const p = await product();
    const taken = await admin().POST("/v1/products/{id}/variants", { params: { path: { id: p.id } }, body: variant(p.variants[0].sku) });
    expect(taken.response.status).toBe(409);
    expect(taken.error).toMatchObject({ code: "sku_taken", sku: p.variants[0].sku });

    const missing = await admin().POST("/v1/products/{id}/variants", { params: { path: { id: "prod_nope" } }, body: variant() });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ code: "product_not_found" });
  });

  it("patches price, weight, title and active, and stores them", async () => {
    const [v] = (await product()).variants;
    const { data, response } = await admin().PATCH("/v1/variants/{id}", {
      params: { path: { id: v.id } },
      body: { price: { amount: 750, currency: "USD" }, weight_grams: 20, title: "Mug (blue)", active: false },
    });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ sku: v.sku, price: { amount: 750, currency: "USD" }, weight_grams: 20, title: "Mug (blue)", active: false });
    const row = await env.DB.prepare("SELECT * FROM variants WHERE id = ?").bind(v.id).first();
    expect(row).toMatchObject({ price_amount: 750, currency: "USD", weight_grams: 20, active: 0, sku: v.sku });
  });

  it("refuses to change a SKU, and refuses bad prices with the field named", async () => {
    const [v] = (await product()).variants;
    const res = await patch(v.id, { sku: "NEW-SKU" });
    expect(res.status).toBe(400);
    const body = await res.json<{ code: string; errors: { field: string; message: string }[] }>();
    expect(body).toMatchObject({ code: "validation_failed", errors: [{ field: "body.sku", message: "Unknown field" }] });

    const bad = await patch(v.id, { price: { amount: 1.25, currency: "EURO" }, weight_grams: -1 });
    const errors = (await bad.json<{ errors: { field: string }[] }>()).errors.map((e) => e.field);
    expect(errors).toEqual(expect.arrayContaining(["body.price.amount", "body.price.currency", "body.weight_grams"]));
    expect(await env.DB.prepare("SELECT sku, price_amount FROM variants WHERE id = ?").bind(v.id).first()).toEqual({ sku: v.sku, price_amount: 500 });
  });

  it("answers 404 variant_not_found", async () => {
    const res = await admin().PATCH("/v1/variants/{id}", { params: { path: { id: "var_nope" } }, body: { active: false } });
    expect(res.response.status).toBe(404);
    expect(res.error).toMatchObject({ code: "variant_not_found" });
  });

  it("looks variants up by one or several SKUs and leaves unknown ones out", async () => {
    const [a, b] = (await product([sku("LOOK"), sku("LOOK")])).variants;
    const one = await admin().GET("/v1/variants", { params: { query: { sku: [a.sku] } } });
    expect(one.data).toEqual({ data: [a], next_cursor: null });
    const both = await admin().GET("/v1/variants", { params: { query: { sku: [a.sku, b.sku, "NOT-THERE"] } } });
    expect(both.data!.data.map((v) => v.sku).sort()).toEqual([a.sku, b.sku].sort());

    const bad = await raw("/v1/variants?sku=ok&sku=no%20spaces");
    expect(bad.status).toBe(400);
    expect((await bad.json<{ errors: { field: string }[] }>()).errors.map((e) => e.field)).toEqual(["query.sku.1"]);
  });

  it("lists variants newest first with a cursor", async () => {
    await product([sku("PAGE"), sku("PAGE"), sku("PAGE")]);
    const first = await admin().GET("/v1/variants", { params: { query: { limit: 2 } } });
    expect(first.data!.data).toHaveLength(2);
    const second = await admin().GET("/v1/variants", { params: { query: { limit: 2, cursor: first.data!.next_cursor! } } });
    expect(second.data!.data[0].id < first.data!.data[1].id).toBe(true);
  });

  it("variantsBySkus joins the product and reads past the bound-parameter limit", async () => {
    const live = await product(Array.from({ length: 95 }, () => sku("MANY")));
    const off = await product([sku("OFF")], false);
    const skus = [...live.variants.map((v) => v.sku), off.variants[0].sku, "UNKNOWN"];
    const rows = await variantsBySkus(env.DB, skus);
    expect(rows).toHaveLength(96);
    expect(rows.find((r) => r.sku === off.variants[0].sku)).toEqual({
      id: off.variants[0].id,
      sku: off.variants[0].sku,
      title: off.variants[0].title,
      priceAmount: 500,
      currency: "EUR",
      weightGrams: 0,
      active: true,
      productId: off.id,
      productActive: false,
    });
  });
});
