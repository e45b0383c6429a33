// Orders to change: placed through the storefront API, with their fulfillments once the real queue made them.
import { env } from "cloudflare:workers";
import { expect, vi } from "vitest";
import { admin, client, key } from "../helpers/client";
import { makeProduct, receive, shipTo } from "../helpers/fixtures";

export const path = (id: string) => ({ params: { path: { id } } });
export const orderOf = async (id: string) => (await admin().GET("/v1/orders/{id}", path(id))).data!;

export const cellOf = async (locationId: string, sku: string) =>
  (await admin().GET("/v1/locations/{location_id}/inventory/{sku}", { params: { path: { location_id: locationId, sku } } })).data!;

export const cancel = (id: string, body: { reason: string; lines?: { line_id: string; quantity: number }[]; expected_version?: number }) =>
  admin().POST("/v1/orders/{id}/cancel", { ...path(id), body });

/** A product with `stock` units at each location given, and an order of `qty` units of it. */
export async function placeOrder(
  pk: string,
  stock: [string, number][],
  qty: number,
  opts: { pay?: "authorized" | "captured"; price?: number; email?: string } = {},
) {
  const price = opts.price ?? 1000;
  const [sku] = await makeProduct([price]);
  for (const [loc, n] of stock) await receive(sku, loc, n);
  const payment = opts.pay ? { provider: "psp", reference: `pi_${Math.random().toString(36).slice(2)}`, amount: price * qty, captured: opts.pay === "captured" } : undefined;
  // Only the merchant's server may say an order is paid: paid orders are placed with the admin key.
  const res = await (payment ? admin() : client(pk)).POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key() } },
    body: { email: opts.email ?? "c@example.com", currency: "EUR", lines: [{ sku, quantity: qty }], shipping_address: shipTo("berlin"), payment },
  });
  expect(res.response.status).toBe(201);
  return { sku, order: res.data! };
}

export async function fulfillmentsOf(orderId: string, count: number) {
  await vi.waitFor(
    async () => {
      const { results } = await env.DB.prepare("SELECT id FROM fulfillments WHERE order_id = ?").bind(orderId).all();
      expect(results).toHaveLength(count);
    },
    { timeout: 20_000, interval: 50 },
  );
  const { results } = await env.DB.prepare(
    "SELECT f.id, f.location_id, f.status, COALESCE(SUM(l.quantity), 0) AS units FROM fulfillments f LEFT JOIN fulfillment_lines l ON l.fulfillment_id = f.id WHERE f.order_id = ? GROUP BY f.id ORDER BY f.id",
  )
    .bind(orderId)
    .all<{ id: string; location_id: string; status: string; units: number }>();
  return results;
}
