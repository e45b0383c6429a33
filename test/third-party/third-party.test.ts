// A 3PL location gets each of its shipments as a signed fulfillment request, confirms it back with tracking (the
// shipment ships), and a request not confirmed in time raises one alert.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { fulfillmentIdOf } from "../../src/fulfillment/create";
import { raiseOverdueRequests } from "../../src/third-party/alerts";
import { generateSecret, verify } from "../../src/webhooks/signature";
import { admin, client, key } from "../helpers/client";
import { makeLocation, makeProduct, receive, shipTo } from "../helpers/fixtures";
import { newBox, received } from "../events/world";

const HOUR = 3_600_000;
const wait = { timeout: 20_000, interval: 50 };
const path = (id: string) => ({ params: { path: { id } } });
const secret = generateSecret();
const box = newBox("3pl");
let tpl: string;
let tplKey: string;

beforeAll(async () => {
  tpl = await makeLocation("lyon", { kind: "3pl" });
  const set = await admin().PUT("/v1/locations/{id}/third-party", { ...path(tpl), body: { url: `https://receiver.test/hooks/${box}`, secret, confirm_within_hours: 24 } });
  expect(set.response.status).toBe(200);
  // The 3PL's own key: it may move shipments, nothing else.
  tplKey = (await admin().POST("/v1/api-keys", { body: { kind: "secret", name: "3pl", scopes: ["orders:write"] } })).data!.key;
});

/** A paid order whose only stock is at the 3PL; returns once the request reached the 3PL's endpoint. */
async function orderAtThirdParty(qty = 2) {
  const [sku] = await makeProduct([2000]);
  await receive(sku, tpl, 5);
  const res = await admin().POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key("3pl") } },
    body: { email: "t@example.com", currency: "EUR", lines: [{ sku, quantity: qty }], shipping_address: shipTo("lyon"), payment: { provider: "psp", reference: `tp_${Math.random().toString(36).slice(2)}`, amount: 2000 * qty, captured: true } },
  });
  expect(res.response.status).toBe(201);
  const id = fulfillmentIdOf(res.data!.id, tpl);
  await vi.waitFor(async () => expect((await received(box)).some((r) => r.headers["webhook-id"] === id)).toBe(true), wait);
  // The job records the answer right after the 3PL gave it.
  await vi.waitFor(async () => expect(await requestOf(id)).toMatchObject({ status: "sent", attempts: 1, last_status_code: 204 }), wait);
  return { order: res.data!, sku, id, request: (await received(box)).find((r) => r.headers["webhook-id"] === id)! };
}

const requestOf = async (id: string) => (await admin().GET("/v1/fulfillments/{id}/third-party", path(id))).data;
const cell = async (sku: string) => (await admin().GET("/v1/locations/{location_id}/inventory/{sku}", { params: { path: { location_id: tpl, sku } } })).data!;
const confirm = (id: string, body: Record<string, unknown>) =>
  client(tplKey).POST("/v1/fulfillments/{id}/third-party/confirm", { ...path(id), body: body as never });
const ups = { carrier: "ups", service: "ground", tracking_number: "1Z999AA10123456784", shipped_at: Date.now() };
const parcel = { weight_grams: 900, length_cm: 30, width_cm: 20, height_cm: 10 };

describe("3PL endpoint settings", () => {
  it("keeps the secret write-only and refuses what is not a 3PL or not a public https URL", async () => {
    const got = await admin().GET("/v1/locations/{id}/third-party", path(tpl));
    expect(got.data).toMatchObject({ location_id: tpl, url: `https://receiver.test/hooks/${box}`, confirm_within_hours: 24, secret_set: true });
    expect(JSON.stringify(got.data)).not.toContain(secret.slice(6, 20));

    const warehouse = await makeLocation("berlin");
    expect((await admin().PUT("/v1/locations/{id}/third-party", { ...path(warehouse), body: { url: "https://3pl.example/x", secret } })).error).toMatchObject({ code: "not_a_3pl_location" });
    const other = await makeLocation("munich", { kind: "3pl" });
    expect((await admin().GET("/v1/locations/{id}/third-party", path(other))).error).toMatchObject({ code: "third_party_endpoint_not_found" });
    expect((await admin().PUT("/v1/locations/{id}/third-party", { ...path(other), body: { url: "https://3pl.example/x" } })).error).toMatchObject({ code: "secret_required" });
    expect((await admin().PUT("/v1/locations/{id}/third-party", { ...path(other), body: { url: "https://10.0.0.7/x", secret } })).error).toMatchObject({ code: "url_not_allowed" });
  });
});

describe("a shipment at a 3PL", () => {
  it("is requested signed, confirmed with tracking by the 3PL, and ships once", async () => {
    const { order, sku, id, request } = await orderAtThirdParty(2);
    expect(await verify({ secret, headers: request.headers, body: request.body })).toEqual({ ok: true });
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({
      type: "fulfillment.requested",
      data: { fulfillment_id: id, order_id: order.id, order_number: order.number, ship_to: { city: "Lyon" }, lines: [{ sku, quantity: 2 }], confirm_path: `/v1/fulfillments/${id}/third-party/confirm` },
    });
    // The 3PL prints its own label: we drew none.
    const row = await env.DB.prepare("SELECT label_key, status FROM fulfillments WHERE id = ?").bind(id).first<{ label_key: string | null; status: string }>();
    expect(row).toEqual({ label_key: null, status: "pending" });

    // Not packed yet: the 3PL says what it packed.
    const noParcel = await confirm(id, ups);
    expect(noParcel.response.status).toBe(400);
    expect(noParcel.error!.errors).toEqual([expect.objectContaining({ field: "body.parcel" })]);

    const shipped = await confirm(id, { ...ups, parcel });
    expect(shipped.response.status).toBe(200);
    expect(shipped.data).toMatchObject({ status: "shipped", carrier: "ups", service: "ground", tracking_number: ups.tracking_number, parcel });
    expect(await cell(sku)).toMatchObject({ on_hand: 3, committed: 0, available: 3 });
    expect((await admin().GET("/v1/orders/{id}", path(order.id))).data).toMatchObject({ fulfillment_status: "fulfilled" });

    expect(await requestOf(id)).toMatchObject({ status: "confirmed", shipped_at: ups.shipped_at, confirmed_at: expect.any(Number), confirm_by: expect.any(Number) });

    // The same confirmation again changes nothing; other tracking for it is refused.
    expect((await confirm(id, { ...ups, parcel })).data).toMatchObject({ status: "shipped", tracking_number: ups.tracking_number });
    expect(await cell(sku)).toMatchObject({ on_hand: 3, committed: 0 });
    expect((await confirm(id, { ...ups, tracking_number: "1ZOTHER" })).error).toMatchObject({ code: "already_shipped" });
    // One request, however often the fulfillment job ran.
    expect((await received(box)).filter((r) => r.headers["webhook-id"] === id)).toHaveLength(1);
    // Confirmed: no alert once its deadline passes.
    await raiseOverdueRequests(env, Date.now() + 25 * HOUR);
    const alerts = (await admin().GET("/v1/third-party/alerts", { params: { query: { location_id: tpl } } })).data!.data;
    expect(alerts.map((a) => a.fulfillment_id)).not.toContain(id);
  });

  it("raises one alert when the 3PL does not confirm in time", async () => {
    const { order, id } = await orderAtThirdParty(1);
    const before = await raiseOverdueRequests(env, Date.now() + 23 * HOUR);
    const listed = async () => (await admin().GET("/v1/third-party/alerts", { params: { query: { location_id: tpl } } })).data!.data.filter((a) => a.fulfillment_id === id);
    expect(before.raised).toBe(0);
    expect(await listed()).toEqual([]);

    const late = Date.now() + 25 * HOUR;
    expect((await raiseOverdueRequests(env, late)).raised).toBeGreaterThanOrEqual(1);
    expect((await raiseOverdueRequests(env, late)).raised).toBe(0);
    const alerts = await listed();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: "unconfirmed", order_id: order.id, location_id: tpl, request_status: "sent", attempts: 1, last_error: null });
    const { results } = await env.DB.prepare("SELECT data FROM events WHERE order_id = ? AND type = 'fulfillment.third_party_overdue'").bind(order.id).all<{ data: string }>();
    expect(results).toHaveLength(1);
    // A shipment of someone who is not a 3PL has no request to confirm.
    expect((await confirm("ful_nope", { ...ups, parcel })).response.status).toBe(404);
  });

  it("keeps retrying an endpoint that answers an error, and says so in the alert", async () => {
    const down = await makeLocation("munich", { kind: "3pl" });
    const downBox = newBox("3pl-down");
    await admin().PUT("/v1/locations/{id}/third-party", { ...path(down), body: { url: `https://receiver.test/hooks/${downBox}?status=503`, secret, confirm_within_hours: 2 } });
    const [sku] = await makeProduct([700]);
    await receive(sku, down, 1);
    const res = await admin().POST("/v1/checkouts", {
      params: { header: { "idempotency-key": key("3pl-down") } },
      body: { email: "d@example.com", currency: "EUR", lines: [{ sku, quantity: 1 }], shipping_address: shipTo("munich"), payment: { provider: "psp", reference: `tp_${Math.random().toString(36).slice(2)}`, amount: 700, captured: true } },
    });
    const id = fulfillmentIdOf(res.data!.id, down);
    await vi.waitFor(async () => expect(await requestOf(id)).toMatchObject({ status: "pending", last_status_code: 503, last_error: "HTTP 503" }), wait);
    expect((await received(downBox)).length).toBeGreaterThanOrEqual(1);
    await raiseOverdueRequests(env, Date.now() + 3 * HOUR);
    const [alert] = (await admin().GET("/v1/third-party/alerts", { params: { query: { location_id: down } } })).data!.data;
    expect(alert).toMatchObject({ fulfillment_id: id, request_status: expect.stringMatching(/^(pending|sending)$/), last_error: "HTTP 503" });
  });
});
