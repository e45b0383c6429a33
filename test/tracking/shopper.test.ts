// What the shopper sees of tracking: the history in order lookup, the public page and its JSON behind the unguessable
// link, and one message and one outbound event per status (out for delivery, exception, delivered).
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { client, raw } from "../helpers/client";
import { type Desk, email, makeDesk, shippedOrder } from "../orders/desk";
import { easypostWebhook, setSecrets, shipment } from "./senders";

let d: Desk;
beforeAll(async () => {
  d = await makeDesk();
  await setSecrets();
});

const eventsOf = async (orderId: string) =>
  (await env.DB.prepare("SELECT type FROM events WHERE order_id = ? AND type LIKE 'fulfillment.%' ORDER BY created_at, id").bind(orderId).all<{ type: string }>()).results.map((r) => r.type);
const messagesOf = async (orderId: string) =>
  (await env.DB.prepare("SELECT kind, subject, body FROM notifications WHERE order_id = ? ORDER BY created_at, id").bind(orderId).all<{ kind: string; subject: string; body: string }>()).results;

describe("the shopper's tracking", () => {
  it("order lookup, the public JSON and the page show the history, newest first; the page escapes the carrier's words", async () => {
    const who = email();
    const { order, fulfillmentId, tracking } = await shippedOrder(d, { email: who });
    await easypostWebhook(tracking, [
      { status: "in_transit", at: "2026-11-30T08:00:00Z", message: "Arrived at <b>hub</b>", city: "Leipzig" },
      { status: "out_for_delivery", at: "2026-12-01T07:30:00Z", message: "With the courier" },
    ]);
    const found = await client(d.pk).POST("/v1/order-lookup", { body: { number: order.number, email: who }, headers: { "cf-connecting-ip": "198.51.100.7" } });
    expect(found.response.status).toBe(200);
    const [s] = found.data!.shipments;
    expect(s).toMatchObject({ tracking_status: "out_for_delivery", tracking_number: tracking });
    expect(s.tracking_events).toEqual([
      { status: "out_for_delivery", at: Date.parse("2026-12-01T07:30:00Z"), message: "With the courier", location: "Berlin, DE" },
      { status: "in_transit", at: Date.parse("2026-11-30T08:00:00Z"), message: "Arrived at <b>hub</b>", location: "Leipzig, DE" },
    ]);
    const token = (await shipment(fulfillmentId))!.tracking_token;
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(s.tracking_page_url).toBe(`/track/${token}`);

    const json = await client().GET("/v1/tracking/{token}", { params: { path: { token } } });
    expect(json.response.status).toBe(200);
    expect(json.data).toMatchObject({ order_number: order.number, status: "shipped", tracking_status: "out_for_delivery", carrier: "dhl", tracking_number: tracking });
    expect(json.data!.events.map((e) => e.status)).toEqual(["out_for_delivery", "in_transit"]);
    expect(json.data).not.toHaveProperty("email");

    const page = await raw(`/track/${token}`, {}, null);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<h1>Out for delivery</h1>");
    expect(html).toContain(tracking);
    expect(html).toContain("Arrived at &lt;b&gt;hub&lt;/b&gt;");
    expect(html).not.toContain("<b>hub</b>");
    expect(html).toContain('name="viewport"');

    const guessed = await client().GET("/v1/tracking/{token}", { params: { path: { token: "0".repeat(32) } } });
    expect(guessed.response.status).toBe(404);
    expect((await raw(`/track/${"0".repeat(32)}`, {}, null)).status).toBe(404);
  });

  it("out for delivery, an exception and delivery are each told once, to the customer and as outbound events", async () => {
    const who = email();
    const { order, tracking } = await shippedOrder(d, { email: who });
    await easypostWebhook(tracking, [{ status: "out_for_delivery", at: "2026-12-01T07:00:00Z" }]);
    // A second out-for-delivery scan (a new event id) and a replay: no second message.
    await easypostWebhook(tracking, [{ status: "out_for_delivery", at: "2026-12-01T07:45:00Z" }]);
    await easypostWebhook(tracking, [{ status: "out_for_delivery", at: "2026-12-01T07:00:00Z" }]);
    await easypostWebhook(tracking, [{ status: "failure", at: "2026-12-01T09:00:00Z", message: "Address not found" }]);
    await easypostWebhook(tracking, [{ status: "failure", at: "2026-12-01T09:30:00Z", message: "Address not found" }]);
    await easypostWebhook(tracking, [{ status: "delivered", at: "2026-12-02T10:00:00Z" }]);
    await easypostWebhook(tracking, [{ status: "delivered", at: "2026-12-02T10:00:00Z" }, { status: "delivered", at: "2026-12-02T10:05:00Z" }]);

    expect(await eventsOf(order.id)).toEqual(["fulfillment.shipped", "fulfillment.out_for_delivery", "fulfillment.exception", "fulfillment.delivered"]);
    const messages = await vi.waitFor(
      async () => {
        const all = await messagesOf(order.id);
        expect(all.map((m) => m.kind)).toEqual(expect.arrayContaining(["order_out_for_delivery", "order_delivery_exception", "order_delivered"]));
        return all;
      },
      { timeout: 20_000, interval: 100 },
    );
    const kinds = messages.map((m) => m.kind).filter((k) => k !== "order_confirmed" && k !== "order_shipped");
    expect(kinds.sort()).toEqual(["order_delivered", "order_delivery_exception", "order_out_for_delivery"]);
    const out = messages.find((m) => m.kind === "order_out_for_delivery")!;
    expect(out.subject).toBe(`Your order #${order.number} is out for delivery`);
    const token = (await env.DB.prepare("SELECT tracking_token FROM fulfillments WHERE order_id = ?").bind(order.id).first<{ tracking_token: string }>())!.tracking_token;
    expect(out.body).toContain(`/track/${token}`);
  });
});
