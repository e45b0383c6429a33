import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { activeLocations } from "../../src/locations/store";
import { admin, client, key, raw } from "../helpers/client";

let n = 0;
const code = (label = "WH") => `${label}-${++n}`;
const address = { name: "Lager Nord", line1: "Hafenstr. 1", city: "Hamburg", postal_code: "20457", country: "DE" };
const input = (over: Record<string, unknown> = {}) => ({
  code: code(),
  name: "Hamburg DC",
  kind: "warehouse" as const,
  address,
  latitude: 53.54,
  longitude: 9.99,
  can_ship: true,
  can_pickup: false,
  ...over,
});
const create = async (over: Record<string, unknown> = {}) => (await admin().POST("/v1/locations", { body: input(over) })).data!;
const send = (method: string, path: string, body: unknown) =>
  raw(path, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const fieldsOf = async (res: Response) => {
  expect(res.status).toBe(400);
  const body = await res.json<{ code: string; errors: { field: string; message: string }[] }>();
  expect(body.code).toBe("validation_failed");
  return body.errors;
};

describe("locations", () => {
  it("creates a location with defaults and stores it", async () => {
    const body = input({ code: "HAM-1" });
    const { data, response } = await admin().POST("/v1/locations", { body, headers: { "idempotency-key": key() } });
    expect(response.status).toBe(201);
    expect(data).toMatchObject({ ...body, priority: 100, active: true });
    expect(data!.id).toMatch(/^loc_[0-9A-Z]{26}$/);
    const row = await env.DB.prepare("SELECT * FROM locations WHERE id = ?").bind(data!.id).first<Record<string, unknown>>();
    expect(row).toMatchObject({ code: "HAM-1", kind: "warehouse", latitude: 53.54, can_ship: 1, can_pickup: 0, priority: 100, active: 1 });
    expect(JSON.parse(row!.address as string)).toEqual(address);
    expect((await admin().GET("/v1/locations/{id}", { params: { path: { id: data!.id } } })).data).toEqual(data);
  });

  it("refuses a taken code with 409 location_code_taken", async () => {
    const taken = code("DUP");
    await create({ code: taken });
    const res = await admin().POST("/v1/locations", { body: input({ code: taken, name: "Other" }) });
    expect(res.response.status).toBe(409);
    expect(res.error).toMatchObject({ code: "location_code_taken", status: 409 });
    expect(res.error!.detail).toContain(taken);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM locations WHERE code = ?").bind(taken).first("n")).toBe(1);
  });

  it("names every bad field: missing coordinates, bad code, kind, priority and address", async () => {
    const { latitude: _, ...noLatitude } = input();
    const errors = await fieldsOf(
      await send("POST", "/v1/locations", { ...noLatitude, code: "no spaces", kind: "shop", priority: 1.5, longitude: 200, address: { ...address, country: "Germany" } }),
    );
    expect(errors.map((e) => e.field)).toEqual(
      expect.arrayContaining(["body.latitude", "body.longitude", "body.code", "body.kind", "body.priority", "body.address.country"]),
    );
  });

  it("refuses unknown fields at the top and inside the address", async () => {
    const errors = await fieldsOf(await send("POST", "/v1/locations", { ...input(), id: "loc_mine", address: { ...address, floor: 3 } }));
    expect(errors.map((e) => e.field).sort()).toEqual(["body.address.floor", "body.id"]);
  });

  it("patches a location but never its code", async () => {
    const loc = await create();
    const { data, response } = await admin().PATCH("/v1/locations/{id}", {
      params: { path: { id: loc.id } },
      body: { name: "Hamburg Store", kind: "store", can_pickup: true, priority: 5, latitude: 53.55 },
    });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ code: loc.code, name: "Hamburg Store", kind: "store", can_pickup: true, can_ship: true, priority: 5, latitude: 53.55 });
    const row = await env.DB.prepare("SELECT name, can_pickup, priority FROM locations WHERE id = ?").bind(loc.id).first();
    expect(row).toEqual({ name: "Hamburg Store", can_pickup: 1, priority: 5 });

    const recode = await fieldsOf(await send("PATCH", `/v1/locations/${loc.id}`, { code: "NEW" }));
    expect(recode[0]).toMatchObject({ field: "body.code", message: "Unknown field" });
  });

  it("answers 404 location_not_found", async () => {
    const got = await admin().GET("/v1/locations/{id}", { params: { path: { id: "loc_nope" } } });
    expect(got.response.status).toBe(404);
    expect(got.error).toMatchObject({ code: "location_not_found" });
    const patched = await admin().PATCH("/v1/locations/{id}", { params: { path: { id: "loc_nope" } }, body: { active: false } });
    expect(patched.error).toMatchObject({ code: "location_not_found" });
  });

  it("lists newest first with a cursor and filters by active and can_pickup", async () => {
    const store = await create({ can_pickup: true });
    const closed = await create({ can_pickup: true, active: false });
    await create();
    const first = await admin().GET("/v1/locations", { params: { query: { limit: 2 } } });
    expect(first.data!.data).toHaveLength(2);
    const second = await admin().GET("/v1/locations", { params: { query: { limit: 2, cursor: first.data!.next_cursor! } } });
    expect(second.data!.data[0].id < first.data!.data[1].id).toBe(true);

    const pickup = await admin().GET("/v1/locations", { params: { query: { can_pickup: "true", active: "true", limit: 200 } } });
    const ids = pickup.data!.data.map((l) => l.id);
    expect(ids).toContain(store.id);
    expect(ids).not.toContain(closed.id);
    expect(pickup.data!.data.every((l) => l.can_pickup && l.active)).toBe(true);
  });

  it("needs locations:write to create, and locations:read is enough to read", async () => {
    const { data: k } = await admin().POST("/v1/api-keys", { body: { kind: "secret", name: "reader", scopes: ["locations:read"] } });
    const reader = client(k!.key);
    const res = await reader.POST("/v1/locations", { body: input() });
    expect(res.response.status).toBe(403);
    expect(res.error).toMatchObject({ code: "insufficient_scope" });
    expect((await reader.GET("/v1/locations", { params: { query: {} } })).response.status).toBe(200);
  });

  it("activeLocations gives the planner active locations, best priority first", async () => {
    const low = await create({ priority: 1 });
    const off = await create({ priority: 0, active: false });
    const rows = await activeLocations(env.DB);
    expect(rows[0]).toMatchObject({ id: low.id, priority: 1, latitude: 53.54, canShip: true, address });
    expect(rows.map((r) => r.id)).not.toContain(off.id);
    expect(rows.every((r, i) => i === 0 || rows[i - 1].priority <= r.priority)).toBe(true);
  });
});
