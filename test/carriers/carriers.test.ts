// Carriers through adapters, against local EasyPost and Shippo servers (test/carriers/fake-*.ts, routed by hostname
// in test/receiver.ts): rate shopping across accounts, the carrier's own label file, one purchase under redelivery,
// a carrier error retried into a dead letter with its message, the void on cancel, polling for tracking, and keys
// that never come back out.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import worker from "../../src/index";
import { pollTracking } from "../../src/carriers/poll";
import { fulfillmentIdOf } from "../../src/fulfillment/create";
import { makeLabel } from "../../src/labels/job";
import { job } from "../../src/queues/job";
import { admin, key } from "../helpers/client";
import { makeLocation, receive, shipTo } from "../helpers/fixtures";
import { moves } from "../fulfillment/world";
import { shippoLabel } from "./fake-shippo";
import { easyPostLabel } from "./fake-easypost";

interface Row {
  id: string;
  status: string;
  carrier: string | null;
  service: string | null;
  tracking_number: string | null;
  shipping_cost: number | null;
  shipping_currency: string | null;
  label_key: string | null;
  carrier_account_id: string | null;
  carrier_shipment_id: string | null;
  carrier_transaction_id: string | null;
  label_state: string | null;
}
type Call = { method: string; path: string; body: Record<string, unknown> | null };

const rand = () => Math.random().toString(36).slice(2, 10);
const fulfillment = (id: string) => env.DB.prepare("SELECT * FROM fulfillments WHERE id = ?").bind(id).first<Row>();
/** The label file as GET /v1/fulfillments/{id}/label serves it, as text (the fakes' files are tiny text PDFs). */
async function labelText(id: string) {
  const label = await admin().GET("/v1/fulfillments/{id}/label", { params: { path: { id } }, parseAs: "arrayBuffer" });
  expect(label.response.status).toBe(200);
  expect(label.response.headers.get("content-type")).toBe("application/pdf");
  return new TextDecoder().decode(label.data as unknown as ArrayBuffer);
}
const labelled = async (id: string) => {
  await vi.waitFor(async () => expect((await fulfillment(id))?.label_key).toBeTruthy(), { timeout: 20_000, interval: 50 });
  return (await fulfillment(id))!;
};

/** What the fake carrier recorded for an API key (its own stored state, read through its own endpoint). */
async function callsAt(host: "api.easypost.com" | "api.goshippo.com", apiKey: string): Promise<Call[]> {
  const authorization = host === "api.easypost.com" ? `Basic ${btoa(`${apiKey}:`)}` : `ShippoToken ${apiKey}`;
  return (await (await fetch(`https://${host}/__fake/calls`, { headers: { authorization } })).json()) as Call[];
}

async function addAccount(body: { provider: "easypost" | "shippo" | "own"; api_key?: string; location_ids: string[]; poll?: boolean; services?: string[] }) {
  const res = await admin().POST("/v1/settings/carriers", { body: { name: `${body.provider} ${rand()}`, ...body } });
  expect(res.response.status).toBe(201);
  return res.data!;
}

async function paidOrder(location: string, speed: "standard" | "express" = "standard") {
  return (await paidOrderWithId(location, speed)).fulfillmentId;
}

async function paidOrderWithId(location: string, speed: "standard" | "express" = "standard") {
  const sku = `CAR-${rand()}`.toUpperCase();
  const product = await admin().POST("/v1/products", {
    body: { title: `Parcel ${sku}`, variants: [{ sku, title: "Box", price: { amount: 2500, currency: "EUR" }, weight_grams: 900 }] },
  });
  expect(product.response.status).toBe(201);
  await receive(sku, location, 5);
  const res = await admin().POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key() } },
    body: {
      email: "carrier@example.com", currency: "EUR", lines: [{ sku, quantity: 1 }], shipping_address: shipTo("berlin"), shipping_speed: speed,
      payment: { provider: "psp", reference: `tp_${rand()}`, amount: 2500 },
    },
  });
  expect(res.response.status).toBe(201);
  return { orderId: res.data!.id, fulfillmentId: fulfillmentIdOf(res.data!.id, location) };
}

async function deliver(queue: string, messages: { id: string; body: unknown; attempts?: number }[]) {
  const batch = createMessageBatch(queue, messages.map((m) => ({ id: m.id, timestamp: new Date(), attempts: m.attempts ?? 1, body: m.body })));
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

const easyPostKey = `EZTK_${rand()}${rand()}`;
const shippoKey = `shippo_test_${rand()}${rand()}`;
let berlin: string;
let easyPostId: string;
let shippoId: string;

beforeAll(async () => {
  berlin = await makeLocation("berlin");
  easyPostId = (await addAccount({ provider: "easypost", api_key: easyPostKey, location_ids: [berlin] })).id;
  shippoId = (await addAccount({ provider: "shippo", api_key: shippoKey, location_ids: [berlin] })).id;
});

describe("rate shopping across carrier accounts", () => {
  it("buys the cheapest service of both accounts and stores the carrier's own label file", async () => {
    const id = await paidOrder(berlin);
    const row = await labelled(id);
    // EasyPost's cheapest is 5.20 (GroundAdvantage), Shippo's UPS Ground 4.95: Shippo's is bought.
    expect(row).toMatchObject({ carrier: "UPS", service: "Ground", shipping_cost: 495, shipping_currency: "USD", carrier_account_id: shippoId, label_state: "bought" });
    expect(row.tracking_number).toMatch(/^1Z[0-9A-F]{16}$/);
    expect(row.carrier_transaction_id).toBeTruthy();

    expect(await labelText(id)).toBe(shippoLabel(row.tracking_number!));
    const shown = await moves().get(id);
    expect(shown.data).toMatchObject({ carrier: "UPS", tracking_number: row.tracking_number, shipping_cost: 495 });

    // Both accounts were asked for rates; only Shippo sold a label.
    const easyPostCalls = await callsAt("api.easypost.com", easyPostKey);
    expect(easyPostCalls.some((c) => c.path === "/v2/shipments" && (c.body?.shipment as { reference?: string })?.reference === id)).toBe(true);
    const shippoCalls = await callsAt("api.goshippo.com", shippoKey);
    expect(shippoCalls.filter((c) => c.path === "/transactions" && c.method === "POST" && c.body?.metadata === id)).toHaveLength(1);
  });

  it("buys a fast service for an express order (EasyPost Priority, 2 days, beats Shippo's 2-day Priority Mail)", async () => {
    const id = await paidOrder(berlin, "express");
    const row = await labelled(id);
    expect(row).toMatchObject({ carrier: "USPS", service: "Priority", shipping_cost: 645, carrier_account_id: easyPostId });
    expect(await labelText(id)).toBe(easyPostLabel(row.tracking_number!));
  });

  it("buys one label when the job is delivered again, and when a run died between buying and recording", async () => {
    for (const speed of ["standard", "express"] as const) {
      const id = await paidOrder(berlin, speed);
      const first = await labelled(id);
      const body = job("make_label", id, { fulfillmentId: id });
      expect((await deliver("oms-labels", [{ id: `a-${id}`, body }, { id: `b-${id}`, body }])).explicitAcks).toHaveLength(2);

      // A run that bought the label and died before writing it down: the row still says 'buying'.
      await env.DB.prepare("UPDATE fulfillments SET label_key = NULL, tracking_number = NULL, carrier_transaction_id = NULL, label_state = 'buying' WHERE id = ?").bind(id).run();
      await env.DB.prepare("DELETE FROM processed_messages WHERE id = ?").bind(body.id).run();
      expect((await deliver("oms-labels", [{ id: `c-${id}`, body }])).explicitAcks).toEqual([`c-${id}`]);

      const after = (await fulfillment(id))!;
      expect(after).toMatchObject({ tracking_number: first.tracking_number, label_state: "bought", carrier_account_id: first.carrier_account_id });
      if (speed === "standard") {
        const buys = (await callsAt("api.goshippo.com", shippoKey)).filter((c) => c.path === "/transactions" && c.method === "POST" && c.body?.metadata === id);
        expect(buys).toHaveLength(1);
        expect(after.carrier_transaction_id).toBe(first.carrier_transaction_id);
      } else {
        const buys = (await callsAt("api.easypost.com", easyPostKey)).filter((c) => c.path === `/v2/shipments/${first.carrier_shipment_id}/buy`);
        expect(buys).toHaveLength(1);
      }
    }
  });

  it("buys a service that lands by the promised delivery date, when the order has one", async () => {
    const { orderId } = await paidOrderWithId(berlin);
    // A second shipment of the order from Berlin, already packed, and a promise of delivery within three days.
    const id = `${fulfillmentIdOf(orderId, berlin)}_2`;
    const now = Date.now();
    await env.DB.batch([
      env.DB.prepare("INSERT INTO fulfillments (id, order_id, location_id, status, parcel, version, created_at, updated_at) VALUES (?, ?, ?, 'packed', ?, 1, ?, ?)")
        .bind(id, orderId, berlin, JSON.stringify({ weight_grams: 1500, length_cm: 30, width_cm: 20, height_cm: 10 }), now, now),
      env.DB.prepare("UPDATE orders SET promised_delivery_at = ? WHERE id = ?").bind(now + 3 * 86_400_000, orderId),
    ]);
    await makeLabel(env, { fulfillmentId: id });
    // UPS Ground (4 days) and GroundAdvantage (5 days) would be late: the cheapest 2-day service, EasyPost Priority.
    expect(await fulfillment(id)).toMatchObject({ carrier: "USPS", service: "Priority", shipping_cost: 645, carrier_account_id: easyPostId });
  });

  it("gives the old label back and buys a new one when an order edit changes the address", async () => {
    const { orderId, fulfillmentId: id } = await paidOrderWithId(berlin);
    const first = await labelled(id);
    const order = await admin().GET("/v1/orders/{id}", { params: { path: { id: orderId } } });
    const edit = await admin().POST("/v1/orders/{id}/edit", {
      params: { path: { id: orderId }, header: { "idempotency-key": key() } },
      body: { expected_version: order.data!.version, shipping_address: { ...shipTo("munich"), name: "Ada at work" } },
    });
    expect(edit.response.status).toBe(200);
    await vi.waitFor(
      async () => {
        const now = (await fulfillment(id))!;
        expect(now.label_key).toBeTruthy();
        expect(now.tracking_number).not.toBe(first.tracking_number);
      },
      { timeout: 20_000, interval: 100 },
    );
    const after = (await fulfillment(id))!;
    const refunds = (await callsAt("api.goshippo.com", shippoKey)).filter((c) => c.path === "/refunds" && c.body?.transaction === first.carrier_transaction_id);
    expect(refunds).toHaveLength(1);
    const voids = await env.DB.prepare("SELECT status, message, tracking_number FROM carrier_label_voids WHERE fulfillment_id = ?").bind(id).all();
    expect(voids.results).toEqual([{ status: "submitted", message: "replaced after an order edit: QUEUED", tracking_number: first.tracking_number }]);
    expect(await labelText(id)).toBe(shippoLabel(after.tracking_number!));
  });

  it("voids the bought label at the carrier when the shipment is cancelled, and records the answer", async () => {
    const id = await paidOrder(berlin);
    const row = await labelled(id);
    const cancelled = await moves().cancel(id, "customer changed their mind");
    expect(cancelled.response.status).toBe(200);
    await vi.waitFor(
      async () => {
        const refunds = (await callsAt("api.goshippo.com", shippoKey)).filter((c) => c.path === "/refunds" && c.body?.transaction === row.carrier_transaction_id);
        expect(refunds).toHaveLength(1);
        const voids = await env.DB.prepare("SELECT * FROM carrier_label_voids WHERE fulfillment_id = ?").bind(id).all();
        expect(voids.results).toMatchObject([{ provider: "shippo", status: "submitted", transaction_id: row.carrier_transaction_id, tracking_number: row.tracking_number }]);
      },
      { timeout: 20_000, interval: 100 },
    );
    expect((await fulfillment(id))!.label_state).toBeNull();
  });

  it("retries while a carrier answers 500, and the dead letter carries the carrier's message", async () => {
    const munich = await makeLocation("munich");
    await addAccount({ provider: "easypost", api_key: `EZTK_down_${rand()}${rand()}`, location_ids: [munich] });
    const id = await paidOrder(munich);
    await vi.waitFor(async () => expect(await fulfillment(id)).toBeTruthy(), { timeout: 20_000, interval: 50 });
    const body = job("make_label", id, { fulfillmentId: id });
    const result = await deliver("oms-labels", [{ id: `r-${id}`, body, attempts: 6 }]);
    expect(result.retryMessages.map((m: { msgId: string }) => m.msgId)).toEqual([`r-${id}`]);
    expect((await fulfillment(id))!.label_key).toBeNull();

    // Retries exhausted: the queue hands the message to the dead-letter queue.
    await deliver("oms-dlq", [{ id: `d-${id}`, body, attempts: 6 }]);
    const dead = await admin().GET("/v1/dead-letters", { params: { query: { open: "true" } } });
    const letter = dead.data!.data.find((d) => d.id === body.id);
    expect(letter?.error).toContain("easypost 500: The carrier USPS did not respond in time; try again later.");
  });

  it("polls tracking for accounts without webhooks and takes the parcel to delivered", async () => {
    const lyon = await makeLocation("lyon");
    const pollKey = `shippo_poll_${rand()}${rand()}`;
    await addAccount({ provider: "shippo", api_key: pollKey, location_ids: [lyon], poll: true });
    const id = await paidOrder(lyon);
    const row = await labelled(id);
    expect((await moves().pack(id)).response.status).toBe(200);
    expect((await moves().ship(id, { tracking_number: row.tracking_number! })).response.status).toBe(200);

    await pollTracking(env);
    const tracks = (await callsAt("api.goshippo.com", pollKey)).filter((c) => c.method === "GET" && c.path === `/tracks/ups/${row.tracking_number}`);
    expect(tracks).toHaveLength(1);
    expect((await moves().get(id)).data).toMatchObject({ status: "delivered" });
  });

  it("still ships with the own courier and its rate table where an own account serves the location", async () => {
    const munich = await makeLocation("munich");
    await addAccount({ provider: "own", location_ids: [munich] });
    const id = await paidOrder(munich);
    // Munich → Berlin, 900 g: DHL Paket from the rate table, drawn by edge-oms.
    const row = await labelled(id);
    expect(row).toMatchObject({ carrier: "dhl", service: "Paket", label_state: null, carrier_account_id: null });
    expect(row.tracking_number).toMatch(/^JD\d{18}$/);
  });
});

describe("carrier account settings", () => {
  it("never returns a key, only its last 4 characters; checks providers, URLs and locations", async () => {
    const secret = `EZTK_secret_${rand()}${rand()}`;
    const created = await admin().POST("/v1/settings/carriers", { body: { provider: "easypost", name: "EasyPost main", api_key: secret, location_ids: [berlin], active: false } });
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({ provider: "easypost", api_key_hint: secret.slice(-4), active: false, poll: false, base_url: null });
    const id = created.data!.id;

    const newSecret = `EZTK_rotated_${rand()}${rand()}`;
    const patched = await admin().PATCH("/v1/settings/carriers/{id}", { params: { path: { id } }, body: { api_key: newSecret, base_url: "https://sandbox.example.com", services: ["Priority"] } });
    expect(patched.response.status).toBe(200);
    expect(patched.data).toMatchObject({ api_key_hint: newSecret.slice(-4), base_url: "https://sandbox.example.com", services: ["Priority"] });
    const one = await admin().GET("/v1/settings/carriers/{id}", { params: { path: { id } } });
    const list = await admin().GET("/v1/settings/carriers");
    for (const answer of [created.data, patched.data, one.data, list.data]) {
      const text = JSON.stringify(answer);
      expect(text).not.toContain(secret);
      expect(text).not.toContain(newSecret);
      expect(text).not.toContain("api_key\"");
    }
    expect(list.data!.data.map((a) => a.id)).toContain(id);

    const plainHttp = await admin().PATCH("/v1/settings/carriers/{id}", { params: { path: { id } }, body: { base_url: "http://169.254.169.254/" } });
    expect(plainHttp.response.status).toBe(400);
    const noKey = await admin().POST("/v1/settings/carriers", { body: { provider: "shippo", name: "No key" } });
    expect(noKey.error).toMatchObject({ status: 422, code: "api_key_required" });
    const ownKey = await admin().POST("/v1/settings/carriers", { body: { provider: "own", name: "Van", api_key: "12345678" } });
    expect(ownKey.error).toMatchObject({ status: 422, code: "api_key_not_used" });
    const nowhere = await admin().POST("/v1/settings/carriers", { body: { provider: "own", name: "Van", location_ids: ["loc_nowhere"] } });
    expect(nowhere.error).toMatchObject({ status: 422, code: "unknown_location" });

    // An account that bought labels is still needed to void and track them.
    const inUse = await admin().DELETE("/v1/settings/carriers/{id}", { params: { path: { id: shippoId } } });
    expect(inUse.error).toMatchObject({ status: 409, code: "carrier_account_in_use" });
    const removed = await admin().DELETE("/v1/settings/carriers/{id}", { params: { path: { id } } });
    expect(removed.response.status).toBe(204);
    const gone = await admin().GET("/v1/settings/carriers/{id}", { params: { path: { id } } });
    expect(gone.error).toMatchObject({ status: 404, code: "carrier_account_not_found" });
  });
});
