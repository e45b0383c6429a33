// A location whose cells sell beyond stock, and orders that wait there.
import { env } from "cloudflare:workers";
import { expect, vi } from "vitest";
import { admin, key } from "../helpers/client";
import { makeLocation, makeProduct, publishableKey, shipTo } from "../helpers/fixtures";

export interface World {
  pk: string;
  berlin: string;
}

export const makeWorld = async (): Promise<World> => ({ pk: await publishableKey(), berlin: await makeLocation("berlin") });

/** A SKU whose cell at `locationId` may go `limit` units below zero (no limit: null). */
export async function backorderableSku(locationId: string, price = 1000, limit: number | null = null) {
  const [sku] = await makeProduct([price]);
  const res = await admin().PATCH("/v1/locations/{location_id}/inventory/{sku}", {
    params: { path: { location_id: locationId, sku } },
    body: { allow_backorder: true, backorder_limit: limit },
  });
  expect(res.response.status).toBe(200);
  return sku;
}

let ref = 0;
/** A paid-for (authorized) order. */
export async function paidOrder(w: World, lines: { sku: string; quantity: number }[], price = 1000) {
  const amount = lines.reduce((t, l) => t + l.quantity * price, 0);
  const res = await admin().POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key("bo") } },
    body: { email: "wait@example.com", currency: "EUR", lines, shipping_address: shipTo("berlin"), payment: { provider: "psp", reference: `auth-${++ref}`, amount } },
  });
  expect(res.response.status, JSON.stringify(res.error)).toBe(201);
  return res.data!;
}

export const fulfillmentsOf = async (orderId: string) =>
  (
    await env.DB.prepare(
      `SELECT f.id, SUM(l.quantity) AS units FROM fulfillments f JOIN fulfillment_lines l ON l.fulfillment_id = f.id WHERE f.order_id = ? GROUP BY f.id ORDER BY f.created_at, f.id`,
    )
      .bind(orderId)
      .all<{ id: string; units: number }>()
  ).results;

export const backordersOf = async (query: { sku?: string; order_id?: string }) => (await admin().GET("/v1/backorders", { params: { query } })).data!.data;

export const eventually = (check: () => Promise<void>) => vi.waitFor(check, { timeout: 20_000, interval: 50 });

export async function variantId(sku: string) {
  return (await admin().GET("/v1/variants", { params: { query: { sku: [sku] } } })).data!.data[0].id;
}
