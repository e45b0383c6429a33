// GET /v1/availability: what a storefront may promise, per SKU, in total, for shipping, and per pickup counter.
import { beforeAll, describe, expect, it } from "vitest";
import { admin, checkedRaw, client, key, raw } from "../helpers/client";
import { makeLocation, makeProduct, publishableKey, receive, shipTo } from "../helpers/fixtures";

let pk: string;
let warehouse: string;
let store: string;

beforeAll(async () => {
  pk = await publishableKey();
  warehouse = await makeLocation("berlin", { priority: 1 });
  store = await makeLocation("munich", { kind: "store", can_ship: false, can_pickup: true, priority: 2 });
});

type SkuAvailability = {
  sku: string;
  sellable: boolean;
  available: number;
  ship_available: number;
  backorderable: boolean;
  locations: { location_id: string; available: number; can_ship: boolean; can_pickup: boolean }[];
};

async function availability(query: string, apiKey: string | null = pk) {
  const res = await checkedRaw(`/v1/availability?${query}`, {}, apiKey);
  return { status: res.status, type: res.headers.get("content-type"), body: await res.json<{ data: SkuAvailability[]; code?: string; errors?: { field: string }[] }>() };
}

const one = async (sku: string) => (await availability(`sku=${sku}`)).body.data[0];

async function productIdOf(sku: string) {
  const { data } = await admin().GET("/v1/variants", { params: { query: { sku: [sku] } as never } });
  return (data as { data: { id: string; product_id: string }[] }).data[0];
}

describe("GET /v1/availability", () => {
  it("adds up every location, ship locations apart, and lists the pickup store with its own figure", async () => {
    const [sku] = await makeProduct([100]);
    await receive(sku, warehouse, 5);
    await receive(sku, store, 3);
    expect(await one(sku)).toEqual({
      sku,
      sellable: true,
      available: 8,
      ship_available: 5,
      backorderable: false,
      locations: [
        { location_id: warehouse, available: 5, can_ship: true, can_pickup: false },
        { location_id: store, available: 3, can_ship: false, can_pickup: true },
      ],
    });
  });

  it("answers repeated and comma-separated SKUs alike, in the order asked", async () => {
    const [a, b] = await makeProduct([100, 200]);
    await receive(a, warehouse, 1);
    await receive(b, warehouse, 2);
    const repeated = await availability(`sku=${b}&sku=${a}`);
    const commas = await availability(`sku=${b},${a}`);
    expect(repeated.status).toBe(200);
    expect(repeated.body.data.map((d) => [d.sku, d.available])).toEqual([[b, 2], [a, 1]]);
    expect(commas.body).toEqual(repeated.body);
  });

  it("answers a SKU asked twice once", async () => {
    const [sku] = await makeProduct([100]);
    expect((await availability(`sku=${sku}&sku=${sku},${sku}`)).body.data).toHaveLength(1);
  });

  it("answers an unknown SKU as not sellable with nothing available", async () => {
    expect(await one("NOT-IN-CATALOG")).toEqual({
      sku: "NOT-IN-CATALOG",
      sellable: false,
      available: 0,
      ship_available: 0,
      backorderable: false,
      locations: [],
    });
  });

  it("answers a SKU of an inactive product as not sellable with nothing available", async () => {
    const [sku] = await makeProduct([100]);
    await receive(sku, warehouse, 4);
    const { product_id } = await productIdOf(sku);
    await admin().PATCH("/v1/products/{id}", { params: { path: { id: product_id } }, body: { active: false } });
    expect(await one(sku)).toMatchObject({ sellable: false, available: 0, ship_available: 0, backorderable: false, locations: [] });
  });

  it("answers an inactive variant as not sellable", async () => {
    const [sku] = await makeProduct([100]);
    await receive(sku, warehouse, 4);
    const { id } = await productIdOf(sku);
    await admin().PATCH("/v1/variants/{id}", { params: { path: { id } }, body: { active: false } });
    expect(await one(sku)).toMatchObject({ sellable: false, available: 0, locations: [] });
  });

  it("keeps safety stock out of what it promises", async () => {
    const [sku] = await makeProduct([100]);
    await receive(sku, warehouse, 10);
    await admin().PATCH("/v1/locations/{location_id}/inventory/{sku}", {
      params: { path: { location_id: warehouse, sku } },
      body: { safety_stock: 4 },
    });
    expect(await one(sku)).toMatchObject({ available: 6, ship_available: 6, locations: [{ location_id: warehouse, available: 6 }] });
  });

  it("no longer promises the units a checkout holds", async () => {
    const [sku] = await makeProduct([100]);
    await receive(sku, warehouse, 5);
    const placed = await client(pk).POST("/v1/checkouts", {
      params: { header: { "idempotency-key": key("co") } },
      body: { email: "a@example.com", currency: "EUR", lines: [{ sku, quantity: 2 }], shipping_address: shipTo("berlin") },
    });
    expect(placed.response.status).toBe(201);
    expect(await one(sku)).toMatchObject({ available: 3, ship_available: 3 });
  });

  it("never promises less than nothing at a location that counted less than it had promised", async () => {
    const [sku] = await makeProduct([100]);
    await receive(sku, warehouse, 3);
    await receive(sku, store, 2);
    await client(pk).POST("/v1/checkouts", {
      params: { header: { "idempotency-key": key("co") } },
      body: { email: "b@example.com", currency: "EUR", lines: [{ sku, quantity: 3 }], shipping_address: shipTo("berlin") },
    });
    await admin().POST("/v1/inventory/movements", {
      params: { header: { "idempotency-key": key("count") } },
      body: { sku, location_id: warehouse, kind: "count", quantity: 1, reason: "cycle_count" },
    });
    expect(await one(sku)).toMatchObject({ available: 2, ship_available: 0, locations: [{ available: 0 }, { available: 2 }] });
  });

  it("says a SKU is backorderable when a location takes backorders", async () => {
    const [sku] = await makeProduct([100]);
    await admin().PATCH("/v1/locations/{location_id}/inventory/{sku}", {
      params: { path: { location_id: warehouse, sku } },
      body: { allow_backorder: true },
    });
    expect(await one(sku)).toMatchObject({ sellable: true, available: 0, backorderable: true });
  });

  it("leaves out locations that are closed", async () => {
    const [sku] = await makeProduct([100]);
    const closing = await makeLocation("lyon");
    await receive(sku, warehouse, 1);
    await receive(sku, closing, 7);
    await admin().PATCH("/v1/locations/{id}", { params: { path: { id: closing } }, body: { active: false } });
    expect(await one(sku)).toMatchObject({ available: 1, locations: [{ location_id: warehouse }] });
  });

  it("answers 100 SKUs in one request", async () => {
    const skus = Array.from({ length: 100 }, (_, i) => `BULK-${i}`);
    const res = await availability(`sku=${skus.join(",")}`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((d) => d.sku)).toEqual(skus);
  });
});

describe("GET /v1/availability refuses", () => {
  it.each([
    ["no sku parameter", ""],
    ["an empty sku", "sku="],
    ["only commas", "sku=,,"],
    ["101 SKUs", `sku=${Array.from({ length: 101 }, (_, i) => `S-${i}`).join(",")}`],
    ["a SKU with a space", "sku=TEE%20BLK"],
    ["a SKU with a quote", "sku=TEE'BLK"],
    ["a SKU of 65 characters", `sku=${"A".repeat(65)}`],
  ])("%s with 400 naming query.sku", async (_name, query) => {
    const res = await availability(query);
    expect(res.status).toBe(400);
    expect(res.type).toBe("application/problem+json");
    expect(res.body.code).toBe("validation_failed");
    expect(res.body.errors!.map((e) => e.field).every((f) => f === "query.sku" || f.startsWith("query.sku."))).toBe(true);
  });

  it("a request without a key with 401", async () => {
    const res = await availability("sku=A", null);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("missing_api_key");
  });

  it("a secret key without the storefront scope with 403, but takes one that has it", async () => {
    const { data: reader } = await admin().POST("/v1/api-keys", { body: { kind: "secret", name: "ops", scopes: ["inventory:read"] } });
    const refused = await availability("sku=A", reader!.key);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("insufficient_scope");
    const { data: shop } = await admin().POST("/v1/api-keys", { body: { kind: "secret", name: "ssr", scopes: ["storefront"] } });
    expect((await availability("sku=A", shop!.key)).status).toBe(200);
  });
});
