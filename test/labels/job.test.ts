// The label job: a paid order reaches a carrier label and a packing slip by itself (real queues); redelivery and
// retries after a crash mint no second tracking number; the carrier follows the requested speed, distance and weight.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it, vi } from "vitest";
import worker from "../../src/index";
import { fulfillmentIdOf } from "../../src/fulfillment/create";
import { LABEL_HEIGHT, LABEL_WIDTH, MIN_MODULE_PT, barcodeBars } from "../../src/labels/label";
import { labelKeyOf, makeLabel, trackingNumberOf } from "../../src/labels/job";
import { job } from "../../src/queues/job";
import { admin, key } from "../helpers/client";
import { makeLocation, receive, shipTo } from "../helpers/fixtures";

interface FulfillmentRow {
  id: string;
  status: string;
  carrier: string | null;
  service: string | null;
  tracking_number: string | null;
  shipping_cost: number | null;
  label_key: string | null;
  packing_slip_key: string | null;
}

let berlin: string;
let lyon: string;
beforeAll(async () => {
  berlin = await makeLocation("berlin", { priority: 1, can_pickup: true });
  lyon = await makeLocation("lyon", { priority: 2 });
});

let seq = 0;
/** A product whose one variant weighs `weightGrams`, with stock in Berlin. */
async function stockedSku(weightGrams: number) {
  const sku = `LBL-${++seq}-${Math.random().toString(36).slice(2, 7)}`.toUpperCase();
  const { response } = await admin().POST("/v1/products", {
    body: { title: `Box ${sku}`, variants: [{ sku, title: "Box", price: { amount: 1000, currency: "EUR" }, weight_grams: weightGrams }] },
  });
  expect(response.status).toBe(201);
  await receive(sku, berlin, 10);
  return sku;
}

type ShipTo = Omit<ReturnType<typeof shipTo>, "latitude" | "longitude"> & { latitude?: number; longitude?: number };
type Destination = { shipping_address: ShipTo; shipping_speed?: "standard" | "express" } | { pickup_location_id: string };

/** A paid order of `quantity` units of an 800 g box, all from Berlin. */
async function paidOrder(destination: Destination, quantity = 2) {
  const sku = await stockedSku(800);
  const res = await admin().POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key() } },
    body: { email: "l@example.com", currency: "EUR", lines: [{ sku, quantity }], ...destination, payment: { provider: "psp", reference: "r", amount: 1000 * quantity } },
  });
  expect(res.response.status).toBe(201);
  return { orderId: res.data!.id, fulfillmentId: fulfillmentIdOf(res.data!.id, berlin) };
}

const fulfillment = (id: string) => env.DB.prepare("SELECT * FROM fulfillments WHERE id = ?").bind(id).first<FulfillmentRow>();

async function labelled(id: string, column: "label_key" | "packing_slip_key" = "label_key") {
  await vi.waitFor(async () => expect((await fulfillment(id))?.[column]).toBeTruthy(), { timeout: 20_000, interval: 50 });
  return (await fulfillment(id))!;
}

async function deliver(messages: { id: string; body: unknown }[]) {
  const batch = createMessageBatch("oms-labels", messages.map((m) => ({ id: m.id, timestamp: new Date(), attempts: 1, body: m.body })));
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

const pdfOf = async (key: string) => {
  const object = await env.DOCUMENTS.get(key);
  expect(object?.httpMetadata?.contentType).toBe("application/pdf");
  return PDFDocument.load(new Uint8Array(await object!.arrayBuffer()), { updateMetadata: false });
};

describe("label job", () => {
  it("gives a paid order a 4×6 label with the cheapest covering service, and a packing slip, by itself", async () => {
    const { fulfillmentId } = await paidOrder({ shipping_address: shipTo("berlin") });
    const row = await labelled(fulfillmentId);
    // Berlin → Berlin, 2 × 800 g: DHL Paket, up to 300 km and 2 kg.
    expect(row).toMatchObject({ carrier: "dhl", service: "Paket", shipping_cost: 549, label_key: labelKeyOf(fulfillmentId) });
    expect(row.tracking_number).toMatch(/^JD\d{18}$/);

    const label = await pdfOf(row.label_key!);
    expect(label.getPageCount()).toBe(1);
    expect(label.getPage(0).getSize()).toEqual({ width: LABEL_WIDTH, height: LABEL_HEIGHT });
    expect(label.getTitle()).toContain(row.tracking_number);
    expect(label.getSubject()).toContain("dhl Paket");

    const slip = await pdfOf(row.packing_slip_key!);
    expect(slip.getTitle()).toContain(fulfillmentId);
  });

  it("mints no second tracking number when the job is delivered again or retried after a crash", async () => {
    const { fulfillmentId } = await paidOrder({ shipping_address: shipTo("berlin") });
    const first = await labelled(fulfillmentId);
    const body = job("make_label", fulfillmentId, { fulfillmentId });

    const again = await deliver([{ id: "l1", body }, { id: "l2", body }]);
    expect(again.explicitAcks.sort()).toEqual(["l1", "l2"]);

    // A worker that died after storing the PDFs but before writing the row: the job is not marked done, the row has no label.
    await env.DB.prepare("UPDATE fulfillments SET label_key = NULL, tracking_number = NULL WHERE id = ?").bind(fulfillmentId).run();
    await env.DB.prepare("DELETE FROM processed_messages WHERE id = ?").bind(body.id).run();
    const retried = await deliver([{ id: "l3", body }]);
    expect(retried.explicitAcks).toEqual(["l3"]);

    const after = await fulfillment(fulfillmentId);
    expect(after).toMatchObject({ tracking_number: first.tracking_number, label_key: first.label_key, shipping_cost: first.shipping_cost });
    const stored = await env.DOCUMENTS.list({ prefix: `labels/${fulfillmentId}` });
    expect(stored.objects.map((o) => o.key)).toEqual([labelKeyOf(fulfillmentId)]);
    expect((await pdfOf(after!.label_key!)).getTitle()).toContain(first.tracking_number);
  });

  it("picks an express service for an express order", async () => {
    const { fulfillmentId } = await paidOrder({ shipping_address: shipTo("lyon"), shipping_speed: "express" });
    // Berlin → Lyon is about 955 km: the express band up to 1000 km and 2 kg, where DHL Express is cheaper than UPS.
    expect(await labelled(fulfillmentId)).toMatchObject({ carrier: "dhl", service: "Express", shipping_cost: 2190 });
  });

  it("prices an address without coordinates in the widest distance band", async () => {
    const { latitude: _lat, longitude: _lon, ...noCoordinates } = shipTo("berlin");
    const { fulfillmentId } = await paidOrder({ shipping_address: noCoordinates });
    // Up to 3000 km and 2 kg: UPS Standard (1199) beats DHL Paket (1299).
    const row = await labelled(fulfillmentId);
    expect(row).toMatchObject({ carrier: "ups", service: "Standard", shipping_cost: 1199 });
    expect(row.tracking_number).toMatch(/^1Z[0-9A-Z]{16}$/);
  });

  it("uses the packed parcel's weight when there is one", async () => {
    const { orderId } = await paidOrder({ shipping_address: shipTo("berlin") });
    // A second shipment of the same order, from Lyon, already packed at 12 kg (box included).
    const id = fulfillmentIdOf(orderId, lyon);
    const now = Date.now();
    await env.DB.prepare(
      "INSERT INTO fulfillments (id, order_id, location_id, status, parcel, version, created_at, updated_at) VALUES (?, ?, ?, 'packed', ?, 1, ?, ?)",
    )
      .bind(id, orderId, lyon, JSON.stringify({ weight_grams: 12000, length_cm: 40, width_cm: 30, height_cm: 20 }), now, now)
      .run();
    await makeLabel(env, { fulfillmentId: id });
    // Lyon → Berlin about 955 km, 12 kg: the 31.5 kg band, UPS Standard 1299 under DHL Paket 1349.
    expect(await fulfillment(id)).toMatchObject({ carrier: "ups", shipping_cost: 1299 });
  });

  it("makes only a packing slip for a pickup order, and chooses no carrier", async () => {
    const { fulfillmentId } = await paidOrder({ pickup_location_id: berlin });
    const row = await labelled(fulfillmentId, "packing_slip_key");
    expect(row).toMatchObject({ carrier: null, service: null, tracking_number: null, shipping_cost: null, label_key: null });
    expect((await pdfOf(row.packing_slip_key!)).getTitle()).toContain(fulfillmentId);
    expect((await env.DOCUMENTS.list({ prefix: `labels/${fulfillmentId}` })).objects).toEqual([]);
  });

  it("does nothing for a cancelled fulfillment or an unknown one", async () => {
    const { orderId } = await paidOrder({ shipping_address: shipTo("berlin") });
    const id = fulfillmentIdOf(orderId, lyon);
    const now = Date.now();
    await env.DB.prepare("INSERT INTO fulfillments (id, order_id, location_id, status, version, created_at, updated_at) VALUES (?, ?, ?, 'cancelled', 1, ?, ?)")
      .bind(id, orderId, lyon, now, now)
      .run();
    await makeLabel(env, { fulfillmentId: id });
    await makeLabel(env, { fulfillmentId: "ful_nothing_here" });
    expect(await fulfillment(id)).toMatchObject({ label_key: null, packing_slip_key: null, tracking_number: null });
    expect((await env.DOCUMENTS.list({ prefix: `labels/${id}` })).objects).toEqual([]);
  });
});

describe("trackingNumberOf", () => {
  it("is carrier-shaped, stable per fulfillment, and always fits a scannable barcode on the label", async () => {
    for (let i = 0; i < 50; i++) {
      const ups = await trackingNumberOf("ups", `ful_${i}`);
      const dhl = await trackingNumberOf("dhl", `ful_${i}`);
      expect(ups).toMatch(/^1Z[0-9A-Z]{16}$/);
      expect(dhl).toMatch(/^JD\d{18}$/);
      for (const t of [ups, dhl]) expect(Math.min(...barcodeBars(t, LABEL_WIDTH).map((b) => b.width))).toBeGreaterThanOrEqual(MIN_MODULE_PT);
    }
    expect(await trackingNumberOf("ups", "ful_a")).toBe(await trackingNumberOf("ups", "ful_a"));
    expect(await trackingNumberOf("ups", "ful_a")).not.toBe(await trackingNumberOf("ups", "ful_b"));
  });
});
