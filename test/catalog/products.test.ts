import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { admin, client, key, raw } from "../helpers/client";

let n = 0;
const sku = (label = "SKU") => `${label}-${++n}`;
const tee = (skus = [sku(), sku()]) => ({
  title: "Tee",
  variants: skus.map((s) => ({ sku: s, title: s, price: { amount: 1999, currency: "EUR" } })),
});
const post = (body: unknown) =>
  raw("/v1/products", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const fields = async (res: Response) => {
  const body = await res.json<{ code: string; errors: { field: string; message: string }[] }>();
  expect(body.code).toBe("validation_failed");
  return body.errors;
};

describe("products", () => {
  it("creates a product with its variants and stores both", async () => {
    const [a, b] = [sku("TEE-S"), sku("TEE-M")];
    const { data, response } = await admin().POST("/v1/products", {
      body: { title: "Tee", description: "Cotton", variants: [
        { sku: a, title: "S", price: { amount: 1999, currency: "EUR" }, weight_grams: 180 },
        { sku: b, title: "M", price: { amount: 2099, currency: "EUR" }, active: false },
      ] },
      headers: { "idempotency-key": key() },
    });
    expect(response.status).toBe(201);
    expect(data).toMatchObject({ title: "Tee", description: "Cotton", active: true });
    expect(data!.id).toMatch(/^prod_[0-9A-Z]{26}$/);
    expect(data!.variants).toEqual([
      expect.objectContaining({ sku: a, product_id: data!.id, price: { amount: 1999, currency: "EUR" }, weight_grams: 180, active: true }),
      expect.objectContaining({ sku: b, weight_grams: 0, active: false }),
    ]);
    expect(data!.variants[0].id).toMatch(/^var_/);

    const row = await env.DB.prepare("SELECT * FROM variants WHERE sku = ?").bind(b).first();
    expect(row).toMatchObject({ product_id: data!.id, price_amount: 2099, currency: "EUR", active: 0 });
    const got = await admin().GET("/v1/products/{id}", { params: { path: { id: data!.id } } });
    expect(got.data).toEqual(data);
  });

  it("creates 100 variants in one request (more than one statement's worth of parameters)", async () => {
    const skus = Array.from({ length: 100 }, () => sku("BULK"));
    const { data, response } = await admin().POST("/v1/products", { body: tee(skus) });
    expect(response.status).toBe(201);
    expect(data!.variants.map((v) => v.sku)).toEqual(skus);
    const count = await env.DB.prepare("SELECT count(*) AS n FROM variants WHERE product_id = ?").bind(data!.id).first("n");
    expect(count).toBe(100);
  });

  it("replays a retried create with the same Idempotency-Key instead of failing on its own SKUs", async () => {
    const body = tee();
    const headers = { "idempotency-key": key() };
    const first = await admin().POST("/v1/products", { body, headers });
    const retry = await admin().POST("/v1/products", { body, headers });
    expect(retry.response.status).toBe(201);
    expect(retry.response.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.data!.id).toBe(first.data!.id);
  });

  it("refuses a taken SKU with 409 sku_taken and writes nothing", async () => {
    const taken = sku("TAKEN");
    await admin().POST("/v1/products", { body: tee([taken]) });
    const fresh = sku("FRESH");
    const res = await admin().POST("/v1/products", { body: tee([fresh, taken]) });
    expect(res.response.status).toBe(409);
    expect(res.error).toMatchObject({ code: "sku_taken", sku: taken });
    expect(res.error!.detail).toContain(taken);
    expect(await env.DB.prepare("SELECT id FROM variants WHERE sku = ?").bind(fresh).first()).toBeNull();
  });

  it("lets exactly one of two racing creates have a SKU, and the loser writes nothing", async () => {
    const contested = sku("RACE");
    const [x, y] = [sku("X"), sku("Y")];
    const results = await Promise.all([
      admin().POST("/v1/products", { body: { ...tee([x, contested]), title: "racer" } }),
      admin().POST("/v1/products", { body: { ...tee([y, contested]), title: "racer" } }),
    ]);
    expect(results.map((r) => r.response.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.error)!.error).toMatchObject({ code: "sku_taken", sku: contested });
    expect(await env.DB.prepare("SELECT count(*) AS n FROM products WHERE title = 'racer'").first("n")).toBe(1);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM variants WHERE sku IN (?, ?)").bind(x, y).first("n")).toBe(1);
  });

  it("refuses a SKU repeated in one request", async () => {
    const twice = sku("TWICE");
    const res = await admin().POST("/v1/products", { body: tee([twice, twice]) });
    expect(res.response.status).toBe(409);
    expect(res.error).toMatchObject({ code: "sku_taken", sku: twice });
    expect(await env.DB.prepare("SELECT id FROM variants WHERE sku = ?").bind(twice).first()).toBeNull();
  });

  it("names the bad field: bad sku, negative price, fractional amount, missing title", async () => {
    const variant = (over: object) => ({ sku: sku(), title: "x", price: { amount: 100, currency: "EUR" }, ...over });
    const res = await post({
      variants: [variant({ sku: "-bad sku" }), variant({ price: { amount: -1, currency: "EUR" } }), variant({ price: { amount: 1.5, currency: "eur" } })],
    });
    expect(res.status).toBe(400);
    expect((await fields(res)).map((e) => e.field)).toEqual(
      expect.arrayContaining(["body.title", "body.variants.0.sku", "body.variants.1.price.amount", "body.variants.2.price.amount", "body.variants.2.price.currency"]),
    );
  });

  it("refuses unknown fields (mass assignment) and an empty variant list", async () => {
    const res = await post({ ...tee(), id: "prod_mine", created_at: 1 });
    expect(res.status).toBe(400);
    expect((await fields(res)).map((e) => e.field).sort()).toEqual(["body.created_at", "body.id"]);

    const empty = await post({ title: "Tee", variants: [] });
    expect((await fields(empty)).map((e) => e.field)).toEqual(["body.variants"]);
  });

  it("patches title, description and active", async () => {
    const { data: created } = await admin().POST("/v1/products", { body: { ...tee(), description: "old" } });
    const { data, response } = await admin().PATCH("/v1/products/{id}", {
      params: { path: { id: created!.id } },
      body: { title: "Tee v2", description: null, active: false },
    });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ title: "Tee v2", description: null, active: false, variants: created!.variants });
    expect(data!.updated_at).toBeGreaterThanOrEqual(created!.updated_at);
    const row = await env.DB.prepare("SELECT * FROM products WHERE id = ?").bind(created!.id).first();
    expect(row).toMatchObject({ title: "Tee v2", description: null, active: 0 });
  });

  it("answers 404 product_not_found", async () => {
    const id = "prod_01J00000000000000000000000";
    const got = await admin().GET("/v1/products/{id}", { params: { path: { id } } });
    expect(got.response.status).toBe(404);
    expect(got.error).toMatchObject({ code: "product_not_found" });
    const patched = await admin().PATCH("/v1/products/{id}", { params: { path: { id } }, body: { title: "x" } });
    expect(patched.error).toMatchObject({ code: "product_not_found" });
  });

  it("lists newest first with a cursor and filters by active", async () => {
    const ids: string[] = [];
    for (const active of [true, false, true]) ids.push((await admin().POST("/v1/products", { body: { ...tee(), active } })).data!.id);
    const first = await admin().GET("/v1/products", { params: { query: { limit: 2 } } });
    expect(first.data!.data).toHaveLength(2);
    expect(first.data!.data[0].variants).toHaveLength(2);
    const second = await admin().GET("/v1/products", { params: { query: { limit: 2, cursor: first.data!.next_cursor! } } });
    expect(second.data!.data[0].id < first.data!.data[1].id).toBe(true);

    const inactive = await admin().GET("/v1/products", { params: { query: { active: "false", limit: 200 } } });
    expect(inactive.data!.data.map((p) => p.id)).toContain(ids[1]);
    expect(inactive.data!.data.every((p) => !p.active)).toBe(true);
  });

  it("needs catalog:write to create, and catalog:read is enough to read", async () => {
    const { data: k } = await admin().POST("/v1/api-keys", { body: { kind: "secret", name: "reader", scopes: ["catalog:read"] } });
    const reader = client(k!.key);
    const res = await reader.POST("/v1/products", { body: tee() });
    expect(res.response.status).toBe(403);
    expect(res.error).toMatchObject({ code: "insufficient_scope" });
    expect((await reader.GET("/v1/products", { params: { query: {} } })).response.status).toBe(200);
  });
});
