// The storefront Worker in front of the OMS, as `npm run dev` and production run them (src/storefront-worker/): a
// shopper's availability and checkout with a publishable key, and everything else handed to the OMS Worker unchanged.
// No Chromium here: a storefront is a program calling the API.
import { describe, expect, it } from "vitest";
import { adminApi, baseUrl, world } from "./browser";

const ship = { name: "Ada Shopper", line1: "Unter den Linden 1", city: "Berlin", postal_code: "10117", country: "DE" };

async function storefrontKey(): Promise<string> {
  const res = await adminApi().post("/v1/api-keys", { kind: "publishable", name: "storefront worker test" });
  expect(res.status).toBe(201);
  return res.body.key;
}

const asShop = (pk: string, path: string, init: RequestInit = {}) =>
  fetch(`${baseUrl()}${path}`, { ...init, headers: { authorization: `Bearer ${pk}`, "content-type": "application/json", ...(init.headers as Record<string, string>) } });

describe("the storefront Worker", () => {
  it("answers availability and places the checkout, and the OMS has the order and the held unit", async () => {
    const pk = await storefrontKey();
    const { bottle } = world().skus;
    const before = await adminApi().get(`/v1/locations/${world().berlin}/inventory/${bottle}`);
    expect(before.status).toBe(200);

    const avail = await asShop(pk, `/v1/availability?sku=${encodeURIComponent(bottle)}`);
    expect(avail.status).toBe(200);
    const [line] = ((await avail.json()) as { data: { sku: string; sellable: boolean; available: number }[] }).data;
    expect(line).toMatchObject({ sku: bottle, sellable: true });
    expect(line.available).toBeGreaterThan(0);

    const placed = await asShop(pk, "/v1/checkouts", {
      method: "POST",
      headers: { "idempotency-key": `sf-${crypto.randomUUID()}` },
      body: JSON.stringify({ email: "ada@example.com", currency: "EUR", lines: [{ sku: bottle, quantity: 1 }], shipping_address: ship }),
    });
    expect(placed.status).toBe(201);
    const order = (await placed.json()) as { id: string; number: number };

    const stored = await adminApi().get(`/v1/orders/${order.id}`);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ id: order.id, number: order.number, payment_status: "pending" });
    const after = await adminApi().get(`/v1/locations/${world().berlin}/inventory/${bottle}`);
    expect(after.body.held).toBe(before.body.held + 1);
  });

  it("hands what it does not serve to the OMS, which answers as it always does", async () => {
    const pk = await storefrontKey();
    // The admin API with a secret key.
    expect((await adminApi().get("/v1/locations")).status).toBe(200);
    // A publishable key on an admin route: the OMS refuses it.
    const orders = await asShop(pk, "/v1/orders");
    expect(orders.status).toBe(403);
    expect(orders.headers.get("content-type")).toBe("application/problem+json");
    // A method the storefront Worker does not serve on its own path: the OMS knows the whole API.
    const wrong = await asShop(pk, "/v1/checkouts", { method: "PUT", body: "{}" });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("POST");
    // The dashboard and the docs.
    expect((await fetch(`${baseUrl()}/admin/login`)).status).toBe(200);
    expect((await fetch(`${baseUrl()}/docs`)).status).toBe(200);
  });
});
