// The analytics screen: the cron's rollups drawn as inline SVG charts for the period in the URL; only owner and manager.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { makeLocation, publishableKey } from "../helpers/fixtures";
import { tick, today } from "../analytics/helpers";
import { placeOrder } from "../order-changes/world";
import { loginAs, text } from "./session";

const eur = (minor: number) => new Intl.NumberFormat("en", { style: "currency", currency: "EUR" }).format(minor / 100);

const HOUR = 3_600_000;
const SHIP_DAY = "2026-03-02";

/**
 * An order placed at midnight on SHIP_DAY, promised within 4 hours and shipped after `hours`. The shipment is written
 * into D1 as the carrier's update leaves it, so this screen's test does not walk the whole pick-pack-ship flow.
 */
async function shippedOn(pk: string, berlin: string, hours: number) {
  const { order } = await placeOrder(pk, [[berlin, 5]], 1, { pay: "captured" });
  const t0 = Date.parse(`${SHIP_DAY}T00:00:00Z`);
  const now = Date.now();
  await env.DB.batch([
    env.DB.prepare("UPDATE orders SET created_at = ?, ship_by = ?, updated_at = ? WHERE id = ?").bind(t0, t0 + 4 * HOUR, now, order.id),
    env.DB.prepare("DELETE FROM fulfillment_lines WHERE fulfillment_id IN (SELECT id FROM fulfillments WHERE order_id = ?)").bind(order.id),
    env.DB.prepare("DELETE FROM fulfillments WHERE order_id = ?").bind(order.id),
    env.DB.prepare("INSERT INTO fulfillments (id, order_id, location_id, status, shipped_at, created_at, updated_at) VALUES (?, ?, ?, 'shipped', ?, ?, ?)").bind(
      `ful_dash_${order.id}`, order.id, berlin, t0 + hours * HOUR, now, now,
    ),
    env.DB.prepare("INSERT INTO fulfillment_lines (id, fulfillment_id, order_line_id, sku, quantity, hold_id) VALUES (?, ?, ?, ?, 1, 'hold_dash')").bind(
      `fl_dash_${order.id}`, `ful_dash_${order.id}`, order.lines[0]!.id, order.lines[0]!.sku,
    ),
  ]);
}

let revenue = 0;
beforeAll(async () => {
  const pk = await publishableKey();
  const berlin = await makeLocation("berlin");
  await shippedOn(pk, berlin, 2);
  await shippedOn(pk, berlin, 6);
  for (const [qty, price] of [[1, 1500], [3, 2000]] as const) {
    const { order } = await placeOrder(pk, [[berlin, 10]], qty, { pay: "captured", price });
    revenue += order.total;
  }
  await tick();
});

describe("the analytics screen", () => {
  it("draws today's rollup as SVG charts, with the figures in each bar's title and in the table", async () => {
    const b = await loginAs("manager");
    const page = await b.get("/admin/analytics?period=7d");
    expect(page.status).toBe(200);
    expect(page.html).toContain("<svg");
    expect(page.html).toContain(`<title>${today()} · Orders: 2</title>`);
    expect(page.html).toContain(`<title>${today()} · Revenue EUR: ${eur(revenue)}</title>`);
    const words = text(page.html);
    for (const title of ["Order volume per day", "Revenue per day", "Fulfillment lead time", "On-time rate", "Return rate"]) expect(words).toContain(title);
    expect(words).toContain(`${eur(revenue)} Revenue`);
    expect(page.html).toContain('aria-current="page">7 days');
  });

  it("draws the shipments' lead time and on-time rate for the day they left", async () => {
    const b = await loginAs("owner");
    const page = await b.get(`/admin/analytics?from=2026-03-01&to=2026-03-05`);
    expect(page.status).toBe(200);
    // Two shipments, 2 h and 6 h after the order: median 2 h by nearest rank, 90th percentile 6 h, one of two on time.
    expect(page.html).toContain(`<title>${SHIP_DAY} · Median: 2 h</title>`);
    expect(page.html).toContain(`<title>${SHIP_DAY} · 90th percentile: 6 h</title>`);
    expect(page.html).toContain(`<title>${SHIP_DAY} · On time: 50%</title>`);
    expect(text(page.html)).toContain("2 Shipments 50% On time");
  });

  it("keeps exact days from the URL, and shows nothing from outside them", async () => {
    const b = await loginAs("owner");
    const page = await b.get("/admin/analytics?from=2020-01-01&to=2020-01-10");
    expect(page.status).toBe(200);
    expect(page.html).toContain('value="2020-01-01"');
    expect(page.html).toContain("<title>2020-01-10 · Orders: 0</title>");
    expect(page.html).not.toContain(`<title>${today()} · Orders`);
  });

  it("is not for support or warehouse users", async () => {
    expect((await (await loginAs("support")).get("/admin/analytics")).status).toBe(403);
    expect((await (await loginAs("warehouse")).get("/admin/analytics")).status).toBe(403);
  });
});
