// A shopper looks up their own order by number and email: never another's, never internal fields, and not by guessing.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { raw } from "../helpers/client";
import { type Desk, email, makeDesk, placeOrder, shippedOrder } from "../orders/desk";

let d: Desk;
beforeAll(async () => {
  d = await makeDesk();
});

let ip = 0;
/** Each test its own client IP, so the rate limit of one never spills into another. */
const caller = () => `203.0.113.${++ip}`;
const lookUp = (body: unknown, from: string, apiKey = d.pk) =>
  raw("/v1/order-lookup", { method: "POST", headers: { "content-type": "application/json", "cf-connecting-ip": from }, body: JSON.stringify(body) }, apiKey);

describe("order lookup", () => {
  it("shows status, items and shipments with tracking, and nothing internal", async () => {
    const who = email();
    const { order, tracking } = await shippedOrder(d, { email: who, quantity: 2 });
    const res = await lookUp({ number: order.number, email: who.toUpperCase() }, caller());
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown> & { shipments: Record<string, unknown>[]; items: unknown[] };
    expect(body).toMatchObject({ number: order.number, status: "open", fulfillment_status: "fulfilled", total: order.total, currency: "EUR" });
    expect(body.items).toEqual([{ sku: order.lines[0].sku, title: order.lines[0].title, quantity: 2, cancelled_quantity: 0 }]);
    expect(body.shipments).toEqual([
      expect.objectContaining({ status: "shipped", carrier: "dhl", service: "Paket", tracking_number: tracking, items: [{ sku: order.lines[0].sku, quantity: 2 }] }),
    ]);
    expect(body.shipments[0].tracking_url).toContain(tracking);
    for (const internal of ["id", "payments", "payment_status", "notes", "events", "risk", "hold", "tags", "email", "shipping_address", "customer_id", "version"])
      expect(body).not.toHaveProperty(internal);
  });

  it("never shows another customer's order: a wrong email and an unknown number get the same 404", async () => {
    const mine = await placeOrder(d, { email: email("mine") });
    const theirs = email("theirs");
    await placeOrder(d, { email: theirs });
    const from = caller();
    const wrongEmail = await lookUp({ number: mine.order.number, email: theirs }, from);
    const unknown = await lookUp({ number: 999_999, email: theirs }, from);
    expect(wrongEmail.status).toBe(404);
    expect(unknown.status).toBe(404);
    const [a, b] = [(await wrongEmail.json()) as Record<string, unknown>, (await unknown.json()) as Record<string, unknown>];
    expect(a.code).toBe("order_not_found");
    expect({ ...a, instance: null }).toEqual({ ...b, instance: null });
  });

  it("refuses bad bodies with 400 and admin-only keys nothing: any storefront key works, no key does not", async () => {
    const from = caller();
    for (const body of [{}, { number: "1001", email: "a@b.c" }, { number: 0, email: "a@b.c" }, { number: 1001 }, { number: 1001, email: "a@b.c", extra: 1 }])
      expect((await lookUp(body, from)).status).toBe(400);
    expect((await lookUp({ number: 1001, email: "a@b.c" }, from, null as never)).status).toBe(401);
  });

  it("allows 10 attempts per key and IP in 10 minutes, then 429 with Retry-After; other IPs are not affected", async () => {
    const { order } = await placeOrder(d, { email: "limited@example.com" });
    const from = caller();
    for (let i = 0; i < 10; i++) expect((await lookUp({ number: order.number, email: `guess${i}@example.com` }, from)).status).toBe(404);
    const limited = await lookUp({ number: order.number, email: "limited@example.com" }, from);
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { code: string }).code).toBe("rate_limited");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect((await lookUp({ number: order.number, email: "limited@example.com" }, caller())).status).toBe(200);
    // No IP is stored, only a hash of key and IP.
    const { results } = await env.DB.prepare("SELECT bucket FROM rate_limits").all<{ bucket: string }>();
    expect(results.every((r) => /^[0-9a-f]{64}$/.test(r.bucket))).toBe(true);
  });

  it("lets the caller in again once the window has passed", async () => {
    const { order } = await placeOrder(d, { email: "patient@example.com" });
    const from = caller();
    for (let i = 0; i < 11; i++) await lookUp({ number: order.number, email: "x@example.com" }, from);
    expect((await lookUp({ number: order.number, email: "patient@example.com" }, from)).status).toBe(429);
    // Move this caller's window into the past instead of waiting ten minutes.
    await env.DB.prepare("UPDATE rate_limits SET window_start = window_start - 600000").run();
    expect((await lookUp({ number: order.number, email: "patient@example.com" }, from)).status).toBe(200);
  });
});
