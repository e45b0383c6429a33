// The Today screen: each tile counts what the API lists and links to that list; a warehouse user sees only the tiles
// of the screens it may open, at its own locations.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../src/index";
import { admin } from "../helpers/client";
import { makeLocation, publishableKey } from "../helpers/fixtures";
import { placeOrder } from "../order-changes/world";
import { loginAs, text } from "./session";

let pk: string;
let berlin: string;
let totals: number;
beforeAll(async () => {
  pk = await publishableKey();
  berlin = await makeLocation("berlin");
  const a = await placeOrder(pk, [[berlin, 10]], 1, { pay: "captured", price: 1000 });
  const b = await placeOrder(pk, [[berlin, 10]], 2, { pay: "captured", price: 2500 });
  const c = await placeOrder(pk, [[berlin, 10]], 1, { pay: "authorized", price: 1200 });
  totals = a.order.total + b.order.total + c.order.total;
  const held = await admin().POST("/v1/orders/{id}/hold", { params: { path: { id: b.order.id } }, body: { kind: "address_verification", reason: "flat number missing" } });
  expect(held.response.status).toBe(200);
  // One SKU at or below its low-stock threshold.
  const low = await admin().PATCH("/v1/locations/{location_id}/inventory/{sku}", {
    params: { path: { location_id: berlin, sku: a.sku } },
    body: { low_stock_threshold: 20 },
  });
  expect(low.response.status).toBe(200);
  // A message that is not a job is recorded as a dead letter at once.
  const batch = createMessageBatch("oms-fulfillment", [{ id: "today-poison", timestamp: new Date(), attempts: 1, body: { not: "a job" } }]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["today-poison"]);
});

/** Every tile on the page: where it links and what it reads. */
function tiles(html: string) {
  return [...html.matchAll(/<a class="tile" href="([^"]*)">([\s\S]*?)<\/a>/g)].map((m) => ({ href: m[1]!.replaceAll("&amp;", "&"), text: text(m[2]!) }));
}
const tileOf = (html: string, label: string) => {
  const t = tiles(html).find((x) => x.text.includes(label));
  expect(t, `tile ${label}`).toBeDefined();
  return t!;
};

describe("the Today screen", () => {
  it("shows the owner real counts, each tile linking to its filtered list", async () => {
    const b = await loginAs("owner");
    const page = await b.get("/admin");
    expect(page.status).toBe(200);
    expect(page.html).toContain('data-refresh="30"');
    const midnight = Date.now() - (Date.now() % 86_400_000);

    const today = tileOf(page.html, "Orders today");
    expect(today.text).toMatch(/^3 Orders today/);
    expect(today.href).toBe(`/admin/orders?created_from=${midnight}`);
    const revenue = tileOf(page.html, "Revenue today");
    expect(revenue.text).toContain(new Intl.NumberFormat("en", { style: "currency", currency: "EUR" }).format(totals / 100));

    const fulfil = tileOf(page.html, "To fulfil");
    expect(fulfil.text).toMatch(/^1 To fulfil/);
    expect(fulfil.href).toBe("/admin/orders?status=open&payment_status=paid&fulfillment_status=unfulfilled");

    const hold = tileOf(page.html, "On hold");
    expect(hold.text).toMatch(/^1 On hold/);
    expect(hold.text).toContain("address verification: 1");
    expect(hold.href).toBe("/admin/orders?status=on_hold");

    const authorized = tileOf(page.html, "Authorized, not captured");
    expect(authorized.text).toMatch(/^1 /);
    expect(authorized.href).toBe("/admin/orders?payment_status=authorized");

    expect(tileOf(page.html, "Returns waiting")).toMatchObject({ href: "/admin/returns?status=requested" });
    expect(tileOf(page.html, "Returns waiting").text).toMatch(/^0 /);
    expect(tileOf(page.html, "Low stock")).toMatchObject({ href: "/admin/inventory?low=1" });
    expect(tileOf(page.html, "Low stock").text).toMatch(/^1 /);
    expect(tileOf(page.html, "Dead letters")).toMatchObject({ href: "/admin/dead-letters" });
    expect(tileOf(page.html, "Dead letters").text).toMatch(/^1 /);
    expect(tileOf(page.html, "Channel sync errors")).toMatchObject({ href: "/admin/channels" });
    expect(tileOf(page.html, "Channel sync errors").text).toMatch(/^0 /);

    // The 14-day chart is drawn (from the analytics rollup), with its figures as a table beside it.
    expect(page.html).toContain("<svg");
    expect(text(page.html)).toContain("Orders per day, last 14 days");
  });

  it("shows a warehouse user only its fulfillment, returns and stock tiles, at its own location", async () => {
    const b = await loginAs("warehouse", { locations: [berlin] });
    const page = await b.get("/admin");
    expect(page.status).toBe(200);
    const labels = tiles(page.html).map((t) => t.text);
    for (const orders of ["Orders today", "Revenue today", "To fulfil", "On hold", "Authorized", "Dead letters", "Channel sync errors"])
      expect(labels.some((l) => l.includes(orders)), orders).toBe(false);
    expect(page.html).not.toContain("<svg");

    const pick = tileOf(page.html, "Shipments to pick");
    expect(pick.href).toBe(`/admin/fulfillment/${berlin}`);
    const pending = await admin().GET("/v1/fulfillments", { params: { query: { status: "pending", location_id: berlin } } });
    expect(pick.text).toMatch(new RegExp(`^${pending.data!.data.length} Shipments to pick`));
    expect(tileOf(page.html, "Low stock")).toMatchObject({ href: `/admin/inventory?low=1&location_id=${berlin}` });
    expect(tileOf(page.html, "Low stock").text).toMatch(/^1 /);
    expect(tileOf(page.html, "Returns waiting").href).toBe("/admin/returns?status=requested");
  });

  it("shows support the orders tiles but not dead letters or channels", async () => {
    const b = await loginAs("support");
    const labels = tiles((await b.get("/admin")).html).map((t) => t.text);
    expect(labels.some((l) => l.includes("Orders today"))).toBe(true);
    expect(labels.some((l) => l.includes("Dead letters") || l.includes("Channel sync errors") || l.includes("Shipments to pick"))).toBe(false);
  });
});
