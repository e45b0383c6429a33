// A paid order flows on by itself: fulfillment, shipping label, signed webhooks and customer messages; the merchant
// only packs and ships.
import { beforeAll, expect, it, vi } from "vitest";
import { verify } from "../../src/webhooks/signature";
import { admin, key, raw } from "../helpers/client";
import { makeLocation, makeProduct, receive, shipTo } from "../helpers/fixtures";

interface Received {
  headers: Record<string, string>;
  body: string;
}
const box = async (name: string) => (await fetch(`https://receiver.test/boxes/${name}`)).json<Received[]>();
const types = (list: Received[]) => list.map((r) => (JSON.parse(r.body) as { type: string }).type);

let berlin: string;
beforeAll(async () => {
  berlin = await makeLocation("berlin");
});

it("takes a paid checkout to a labelled shipment, tells the merchant's systems and the customer, without anyone touching it", async () => {
  const inbox = `flow-${Math.random().toString(36).slice(2)}`;
  const sub = await admin().POST("/v1/webhook-subscriptions", {
    body: { url: `https://receiver.test/hooks/${inbox}`, events: ["order.confirmed", "fulfillment.shipped"] },
  });
  expect(sub.response.status).toBe(201);
  const [sku] = await makeProduct([2500]);
  await receive(sku, berlin, 5);

  const checkout = await admin().POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key() } },
    body: { email: "flow@example.com", currency: "EUR", lines: [{ sku, quantity: 2 }], shipping_address: shipTo("munich"), payment: { provider: "psp", reference: "pi_flow", amount: 5000 } },
  });
  expect(checkout.response.status).toBe(201);
  const orderId = checkout.data!.id;

  // Fulfillment and label, by the queues alone.
  const fulfillment = await vi.waitFor(
    async () => {
      const list = await admin().GET("/v1/fulfillments", { params: { query: { order_id: orderId } } });
      const [f] = list.data!.data;
      expect(f?.tracking_number).toBeTruthy();
      return f;
    },
    { timeout: 15_000, interval: 100 },
  );
  const label = await raw(`/v1/fulfillments/${fulfillment.id}/label`);
  expect(label.status).toBe(200);
  expect(label.headers.get("content-type")).toBe("application/pdf");
  expect(new TextDecoder().decode((await label.arrayBuffer()).slice(0, 5))).toBe("%PDF-");

  // The merchant's systems hear of the confirmed order, signed.
  const confirmed = await vi.waitFor(
    async () => {
      const got = await box(inbox);
      expect(types(got)).toContain("order.confirmed");
      return got.find((r) => r.body.includes("order.confirmed"))!;
    },
    { timeout: 15_000, interval: 100 },
  );
  expect(await verify({ secret: sub.data!.secret, headers: confirmed.headers, body: confirmed.body })).toEqual({ ok: true });

  // Staff pack and ship; the shipment is announced with its tracking number.
  await admin().POST("/v1/fulfillments/{id}/pack", { params: { path: { id: fulfillment.id } }, body: { weight_grams: 900, length_cm: 30, width_cm: 20, height_cm: 10 } });
  const shipped = await admin().POST("/v1/fulfillments/{id}/ship", { params: { path: { id: fulfillment.id } }, body: { tracking_number: fulfillment.tracking_number! } });
  expect(shipped.response.status).toBe(200);
  await vi.waitFor(async () => expect(types(await box(inbox))).toContain("fulfillment.shipped"), { timeout: 15_000, interval: 100 });
  const shipEvent = (await box(inbox)).find((r) => r.body.includes("fulfillment.shipped"))!;
  expect(JSON.parse(shipEvent.body).data).toMatchObject({ order_id: orderId, tracking_number: fulfillment.tracking_number });

  // The customer's messages are kept in the outbox, whatever the channel did with them.
  await vi.waitFor(
    async () => {
      const outbox = await admin().GET("/v1/notifications", { params: { query: { order_id: orderId } } });
      expect(outbox.data!.data.map((n) => n.kind).sort()).toEqual(["order_confirmed", "order_shipped"]);
    },
    { timeout: 15_000, interval: 100 },
  );
  const order = await admin().GET("/v1/orders/{id}", { params: { path: { id: orderId } } });
  expect(order.data).toMatchObject({ payment_status: "authorized", fulfillment_status: "fulfilled" });
}, 60_000);
