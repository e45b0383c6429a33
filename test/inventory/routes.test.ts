// The inventory API: movements, live cells, the read model, settings, ledger and holds, and who may use them.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { cellOf } from "../../src/inventory/cells";
import { admin, client, key, raw } from "../helpers/client";
import { makeLocation, makeProduct, publishableKey, receive, shipTo } from "../helpers/fixtures";

let berlin: string;
let pk: string;

beforeAll(async () => {
  berlin = await makeLocation("berlin");
  pk = await publishableKey();
});

type Movement = { sku: string; location_id: string; kind: string; quantity: number; reason: string; note?: string };

const move = (body: Movement, idem: string = key("mv"), apiKey?: string) =>
  (apiKey ? client(apiKey) : admin()).POST("/v1/inventory/movements", { params: { header: { "idempotency-key": idem } }, body: body as never });

const cell = (sku: string, location_id = berlin) =>
  admin().GET("/v1/locations/{location_id}/inventory/{sku}", { params: { path: { location_id, sku } } });

const ledger = (sku: string, query: { limit?: number; cursor?: string } = {}, location_id = berlin) =>
  admin().GET("/v1/locations/{location_id}/inventory/{sku}/ledger", { params: { path: { location_id, sku }, query } });

const levelOf = async (sku: string) => {
  const { data } = await admin().GET("/v1/inventory/levels", { params: { query: { sku } } });
  return data!.data;
};

const configure = (sku: string, body: Record<string, unknown>, location_id = berlin) =>
  admin().PATCH("/v1/locations/{location_id}/inventory/{sku}", { params: { path: { location_id, sku } }, body: body as never });

async function secretKey(scopes: string[]) {
  const { data } = await admin().POST("/v1/api-keys", { body: { kind: "secret", name: "clerk", scopes: scopes as never } });
  return data!.key;
}

/** A checkout waiting for payment: its units are held at Berlin. */
async function holdFor(sku: string, quantity: number) {
  const { data, response } = await client(pk).POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key("co") } },
    body: { email: "hold@example.com", currency: "EUR", lines: [{ sku, quantity }], shipping_address: shipTo("berlin") },
  });
  expect(response.status).toBe(201);
  return data!;
}

describe("POST /v1/inventory/movements", () => {
  it("receives stock: the ledger, the live cell and the read model agree", async () => {
    const [sku] = await makeProduct([100]);
    const res = await move({ sku, location_id: berlin, kind: "receive", quantity: 12, reason: "purchase_order", note: "PO-77" });
    expect(res.response.status).toBe(201);
    expect(res.data!.entry).toMatchObject({ op: "receive", reason: "purchase_order: PO-77", on_hand_delta: 12, on_hand: 12 });
    expect(res.data!.level).toMatchObject({ sku, location_id: berlin, on_hand: 12, available: 12 });

    expect((await ledger(sku)).data!.data).toEqual([res.data!.entry]);
    expect((await cell(sku)).data).toEqual(res.data!.level);
    expect(await levelOf(sku)).toEqual([res.data!.level]);
  });

  it("adjusts stock by a signed quantity", async () => {
    const [sku] = await makeProduct([100]);
    await receive(sku, berlin, 10);
    const down = await move({ sku, location_id: berlin, kind: "adjust", quantity: -3, reason: "damaged" });
    expect(down.data!.entry).toMatchObject({ op: "adjust", on_hand_delta: -3, on_hand: 7 });
    const up = await move({ sku, location_id: berlin, kind: "adjust", quantity: 2, reason: "found" });
    expect(up.data!.level).toMatchObject({ on_hand: 9, available: 9 });
    expect((await ledger(sku)).data!.data.map((e) => e.on_hand_delta)).toEqual([10, -3, 2]);
    expect(await levelOf(sku)).toMatchObject([{ on_hand: 9 }]);
  });

  it("records a count as the new on-hand, its variance as on_hand_delta", async () => {
    const [sku] = await makeProduct([100]);
    await receive(sku, berlin, 10);
    const counted = await move({ sku, location_id: berlin, kind: "count", quantity: 7, reason: "cycle_count" });
    expect(counted.response.status).toBe(201);
    expect(counted.data!.entry).toMatchObject({ op: "count", on_hand_delta: -3, on_hand: 7 });
    const zero = await move({ sku, location_id: berlin, kind: "count", quantity: 0, reason: "cycle_count" });
    expect(zero.data!.entry).toMatchObject({ on_hand_delta: -7, on_hand: 0 });
    expect((await cell(sku)).data).toMatchObject({ on_hand: 0 });
    expect(await levelOf(sku)).toMatchObject([{ on_hand: 0, available: 0 }]);
  });

  it("records a count below what is promised, leaving availability negative", async () => {
    const [sku] = await makeProduct([100]);
    await receive(sku, berlin, 5);
    await holdFor(sku, 4);
    const counted = await move({ sku, location_id: berlin, kind: "count", quantity: 3, reason: "cycle_count" });
    expect(counted.response.status).toBe(201);
    expect(counted.data!.level).toMatchObject({ on_hand: 3, held: 4, available: -1 });
  });

  it("refuses to adjust away units held for orders: 409 stock_reserved, nothing moved", async () => {
    const [sku] = await makeProduct([100]);
    await receive(sku, berlin, 5);
    await holdFor(sku, 4);
    const res = await move({ sku, location_id: berlin, kind: "adjust", quantity: -2, reason: "damaged" });
    expect(res.response.status).toBe(409);
    expect(res.response.headers.get("content-type")).toBe("application/problem+json");
    expect(res.error).toMatchObject({ code: "stock_reserved", level: { on_hand: 5, held: 4 } });
    expect((await cell(sku)).data).toMatchObject({ on_hand: 5, held: 4, available: 1 });
    expect((await ledger(sku)).data!.data.map((e) => e.op)).toEqual(["receive", "reserve"]);
  });

  it("refuses to adjust below zero: 409 negative_on_hand, nothing moved", async () => {
    const [sku] = await makeProduct([100]);
    await receive(sku, berlin, 2);
    const res = await move({ sku, location_id: berlin, kind: "adjust", quantity: -3, reason: "lost" });
    expect(res.response.status).toBe(409);
    expect(res.error).toMatchObject({ code: "negative_on_hand", level: { on_hand: 2 } });
    expect((await ledger(sku)).data!.data).toHaveLength(1);
    expect(await levelOf(sku)).toMatchObject([{ on_hand: 2 }]);
  });

  it("answers 404 location_not_found for an unknown location and touches no cell", async () => {
    const [sku] = await makeProduct([100]);
    const res = await move({ sku, location_id: "loc_nowhere", kind: "receive", quantity: 1, reason: "found" });
    expect(res.response.status).toBe(404);
    expect(res.error).toMatchObject({ code: "location_not_found" });
    expect(await cellOf(env, sku, "loc_nowhere").snapshot()).toMatchObject({ onHand: 0, version: 0 });
  });

  it("answers 422 unknown_sku for a SKU the catalog does not have and touches no cell", async () => {
    const res = await move({ sku: "NO-SUCH-SKU", location_id: berlin, kind: "receive", quantity: 1, reason: "found" });
    expect(res.response.status).toBe(422);
    expect(res.error).toMatchObject({ code: "unknown_sku" });
    expect(await cellOf(env, "NO-SUCH-SKU", berlin).snapshot()).toMatchObject({ onHand: 0, version: 0 });
  });

  it("needs an Idempotency-Key: 400 idempotency_key_required", async () => {
    const [sku] = await makeProduct([100]);
    const res = await admin().POST("/v1/inventory/movements", {
      params: { header: {} as never },
      body: { sku, location_id: berlin, kind: "receive", quantity: 1, reason: "found" },
    });
    expect(res.response.status).toBe(400);
    expect(res.error).toMatchObject({ code: "idempotency_key_required", errors: [{ field: "header.idempotency-key" }] });
    expect((await ledger(sku)).data!.data).toHaveLength(0);
  });

  it.each([
    ["a receipt of 0", { kind: "receive", quantity: 0 }, "body.quantity"],
    ["a negative receipt", { kind: "receive", quantity: -4 }, "body.quantity"],
    ["an adjustment of 0", { kind: "adjust", quantity: 0 }, "body.quantity"],
    ["a count of -1", { kind: "count", quantity: -1 }, "body.quantity"],
    ["a fractional quantity", { quantity: 1.5 }, "body.quantity"],
    ["a quantity as text", { quantity: "3" }, "body.quantity"],
    ["reason other without a note", { reason: "other" }, "body.note"],
    ["reason other with a blank note", { reason: "other", note: "   " }, "body.note"],
    ["an unknown reason", { reason: "because" }, "body.reason"],
    ["an unknown kind", { kind: "teleport" }, "body.kind"],
    ["a SKU with spaces", { sku: "TEE BLK" }, "body.sku"],
    ["an unknown field", { on_hand: 100 }, "body.on_hand"],
  ])("refuses %s with 400 naming the field", async (_name, change, field) => {
    const [sku] = await makeProduct([100]);
    const res = await move({ sku, location_id: berlin, kind: "receive", quantity: 1, reason: "found", ...change } as Movement);
    expect(res.response.status).toBe(400);
    expect(res.error).toMatchObject({ code: "validation_failed" });
    expect((res.error as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(field);
    expect((await ledger(sku)).data!.data).toHaveLength(0);
  });
});

describe("PATCH /v1/locations/{location_id}/inventory/{sku}", () => {
  it("keeps safety stock out of available, in the cell and the read model", async () => {
    const [sku] = await makeProduct([100]);
    await receive(sku, berlin, 10);
    const res = await configure(sku, { safety_stock: 3 });
    expect(res.response.status).toBe(200);
    expect(res.data).toMatchObject({ on_hand: 10, safety_stock: 3, available: 7 });
    expect((await cell(sku)).data).toEqual(res.data);
    expect(await levelOf(sku)).toEqual([res.data]);
    expect((await ledger(sku)).data!.data.map((e) => e.op)).toEqual(["receive", "configure"]);
  });

  it("changes only the settings sent", async () => {
    const [sku] = await makeProduct([100]);
    await configure(sku, { safety_stock: 2, low_stock_threshold: 4 });
    const res = await configure(sku, { allow_backorder: true, backorder_limit: 10 });
    expect(res.data).toMatchObject({ safety_stock: 2, low_stock_threshold: 4, allow_backorder: true, backorder_limit: 10 });
    const cleared = await configure(sku, { low_stock_threshold: null });
    expect(cleared.data).toMatchObject({ safety_stock: 2, low_stock_threshold: null, allow_backorder: true });
  });

  it("lets a checkout take backordered units once backorders are allowed", async () => {
    const [sku] = await makeProduct([100]);
    await receive(sku, berlin, 1);
    await configure(sku, { allow_backorder: true, backorder_limit: 5 });
    await holdFor(sku, 4);
    expect((await cell(sku)).data).toMatchObject({ on_hand: 1, held: 4, available: -3, allow_backorder: true });
  });

  it.each([
    ["a negative safety stock", { safety_stock: -1 }, "body.safety_stock"],
    ["a fractional threshold", { low_stock_threshold: 2.5 }, "body.low_stock_threshold"],
    ["allow_backorder as text", { allow_backorder: "yes" }, "body.allow_backorder"],
    ["an on_hand field", { on_hand: 5 }, "body.on_hand"],
  ])("refuses %s with 400 naming the field", async (_name, body, field) => {
    const [sku] = await makeProduct([100]);
    const res = await configure(sku, body);
    expect(res.response.status).toBe(400);
    expect((res.error as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(field);
  });

  it("answers 404 for an unknown location and 422 for an unknown SKU", async () => {
    const [sku] = await makeProduct([100]);
    expect((await configure(sku, { safety_stock: 1 }, "loc_nowhere")).error).toMatchObject({ code: "location_not_found", status: 404 });
    expect((await configure("NO-SUCH-SKU", { safety_stock: 1 })).error).toMatchObject({ code: "unknown_sku", status: 422 });
  });
});

describe("GET /v1/inventory/levels", () => {
  it("lists only levels at or below their threshold with low_stock=true", async () => {
    const shop = await makeLocation("lyon");
    const [low, fine, unwatched] = await makeProduct([100, 100, 100]);
    for (const sku of [low, fine, unwatched]) await receive(sku, shop, 10);
    await configure(low, { low_stock_threshold: 4, safety_stock: 6 }, shop);
    await configure(fine, { low_stock_threshold: 4 }, shop);
    const { data } = await admin().GET("/v1/inventory/levels", { params: { query: { location_id: shop, low_stock: "true" } } });
    expect(data!.data.map((l) => l.sku)).toEqual([low]);
    expect(data!.data[0]).toMatchObject({ available: 4, low_stock_threshold: 4 });
    const all = await admin().GET("/v1/inventory/levels", { params: { query: { location_id: shop } } });
    expect(all.data!.data).toHaveLength(3);
  });

  it("pages by cursor without repeating or skipping a level", async () => {
    const shop = await makeLocation("munich");
    const skus = await makeProduct([1, 2, 3, 4, 5]);
    for (const sku of skus) await receive(sku, shop, 1);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const { data } = await admin().GET("/v1/inventory/levels", { params: { query: { location_id: shop, limit: 2, cursor } } });
      expect(data!.data.length).toBeLessThanOrEqual(2);
      seen.push(...data!.data.map((l) => l.sku));
      cursor = data!.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...skus].sort());
  });
});

describe("GET /v1/locations/{location_id}/inventory/{sku}", () => {
  it("shows an untouched cell of a known SKU as empty", async () => {
    const [sku] = await makeProduct([100]);
    expect((await cell(sku)).data).toMatchObject({ sku, location_id: berlin, on_hand: 0, available: 0, version: 0 });
  });

  it("answers 404 for an unknown location and 422 for an unknown SKU", async () => {
    const [sku] = await makeProduct([100]);
    expect((await cell(sku, "loc_nowhere")).error).toMatchObject({ code: "location_not_found", status: 404 });
    expect((await cell("NO-SUCH-SKU")).error).toMatchObject({ code: "unknown_sku", status: 422 });
  });
});

describe("ledger", () => {
  it("pages oldest first with cursor, ending with next_cursor null", async () => {
    const [sku] = await makeProduct([100]);
    for (let i = 1; i <= 5; i++) await receive(sku, berlin, i);
    const first = await ledger(sku, { limit: 2 });
    expect(first.data!.data.map((e) => e.on_hand_delta)).toEqual([1, 2]);
    const second = await ledger(sku, { limit: 2, cursor: first.data!.next_cursor! });
    expect(second.data!.data.map((e) => e.on_hand_delta)).toEqual([3, 4]);
    const last = await ledger(sku, { limit: 2, cursor: second.data!.next_cursor! });
    expect(last.data!.data.map((e) => e.on_hand_delta)).toEqual([5]);
    expect(last.data!.next_cursor).toBeNull();
  });

  it("says there is more after a full page of the largest size", async () => {
    const [sku] = await makeProduct([100]);
    const stub = cellOf(env, sku, berlin);
    // 501 entries straight on the cell: over HTTP this would take hundreds of requests.
    for (let i = 0; i < 501; i++) await stub.move({ sku, locationId: berlin }, { key: `bulk-${i}`, kind: "receive", qty: 1, reason: "found" });
    const page = await ledger(sku, { limit: 500 });
    expect(page.data!.data).toHaveLength(500);
    expect(page.data!.next_cursor).not.toBeNull();
    const rest = await ledger(sku, { limit: 500, cursor: page.data!.next_cursor! });
    expect(rest.data!.data.map((e) => e.on_hand)).toEqual([501]);
    expect(rest.data!.next_cursor).toBeNull();
  });

  it("refuses a cursor that is not a sequence number", async () => {
    const [sku] = await makeProduct([100]);
    const res = await ledger(sku, { cursor: "abc" });
    expect(res.response.status).toBe(400);
    expect(res.error).toMatchObject({ errors: [{ field: "query.cursor" }] });
  });
});

describe("holds", () => {
  it("lists the hold of a checkout waiting for payment, and the committed hold of a paid one", async () => {
    const [sku] = await makeProduct([250]);
    await receive(sku, berlin, 10);
    const waiting = await holdFor(sku, 2);
    const { data: paid } = await admin().POST("/v1/checkouts", {
      params: { header: { "idempotency-key": key("co") } },
      body: {
        email: "paid@example.com",
        currency: "EUR",
        lines: [{ sku, quantity: 3 }],
        shipping_address: shipTo("berlin"),
        payment: { provider: "stripe", reference: "pi_1", amount: 750 },
      },
    });
    const { data, response } = await admin().GET("/v1/locations/{location_id}/inventory/{sku}/holds", { params: { path: { location_id: berlin, sku } } });
    expect(response.status).toBe(200);
    const byOrder = Object.fromEntries(data!.data.map((h) => [h.ref, h]));
    expect(byOrder[waiting.id]).toMatchObject({ quantity: 2, state: "held" });
    // The hold never runs out before the order's payment is due.
    expect(byOrder[waiting.id].expires_at).toBeGreaterThanOrEqual(waiting.payment_due_by!);
    // Committed at once; until its cell has seen the order in D1 it carries the moment it will look.
    expect(byOrder[paid!.id]).toMatchObject({ quantity: 3, state: "committed" });
    expect(byOrder[paid!.id].expires_at).toBeGreaterThan(Date.now());
    expect((await cell(sku)).data).toMatchObject({ held: 2, committed: 3, available: 5 });
  });
});

describe("who may use the inventory routes", () => {
  it("refuses movements to an inventory:read key with 403 insufficient_scope, but lets it read", async () => {
    const [sku] = await makeProduct([100]);
    const reader = await secretKey(["inventory:read"]);
    const res = await move({ sku, location_id: berlin, kind: "receive", quantity: 1, reason: "found" }, key(), reader);
    expect(res.response.status).toBe(403);
    expect(res.error).toMatchObject({ code: "insufficient_scope" });
    expect((await client(reader).GET("/v1/inventory/levels", { params: { query: { sku } } })).response.status).toBe(200);
    expect((await ledger(sku)).data!.data).toHaveLength(0);
  });

  it("lets an inventory:write key read too", async () => {
    const writer = await secretKey(["inventory:write"]);
    expect((await client(writer).GET("/v1/inventory/levels", { params: { query: {} } })).response.status).toBe(200);
  });

  it("refuses a publishable key with 403 secret_key_required", async () => {
    const [sku] = await makeProduct([100]);
    const res = await move({ sku, location_id: berlin, kind: "receive", quantity: 1, reason: "found" }, key(), pk);
    expect(res.response.status).toBe(403);
    expect(res.error).toMatchObject({ code: "secret_key_required" });
    expect((await raw("/v1/inventory/levels", {}, pk)).status).toBe(403);
  });

  it("refuses a key without inventory scopes on every inventory route", async () => {
    const [sku] = await makeProduct([100]);
    const orders = await secretKey(["orders:read"]);
    const paths = [
      "/v1/inventory/levels",
      `/v1/locations/${berlin}/inventory/${sku}`,
      `/v1/locations/${berlin}/inventory/${sku}/ledger`,
      `/v1/locations/${berlin}/inventory/${sku}/holds`,
    ];
    for (const path of paths) expect((await raw(path, {}, orders)).status, path).toBe(403);
  });
});
