// A location with paid orders waiting to be picked, their SKUs in bins and with printed barcodes.
import { env } from "cloudflare:workers";
import { expect, vi } from "vitest";
import { checkDigit } from "../../src/barcodes/gtin";
import { admin, key } from "../helpers/client";
import { receive, shipTo } from "../helpers/fixtures";
import { labelled } from "../fulfillment/world";

export const path = (id: string) => ({ params: { path: { id } } });

/** A fresh EAN-13 with a right check digit. */
export function ean13() {
  const body = `20${Math.random().toString().slice(2, 12).padEnd(10, "7")}`;
  return `${body}${checkDigit(body)}`;
}

export async function stock(locationId: string, units: Record<string, number>) {
  for (const [sku, n] of Object.entries(units)) await receive(sku, locationId, n);
}

/** A paid order; returns it with its one shipment once the fulfillment job made it and the label job drew its label. */
export async function paidOrder(lines: { sku: string; quantity: number }[], speed: "standard" | "express" = "standard") {
  const amount = lines.reduce((n, l) => n + 1000 * l.quantity, 0);
  const res = await admin().POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key() } },
    body: {
      email: "picker@example.com",
      currency: "EUR",
      lines,
      shipping_address: shipTo("berlin"),
      shipping_speed: speed,
      payment: { provider: "psp", reference: `tp_${Math.random().toString(36).slice(2)}`, amount },
    },
  });
  expect(res.response.status, JSON.stringify(res.error)).toBe(201);
  const order = res.data!;
  const f = await vi.waitFor(
    async () => {
      const row = await env.DB.prepare("SELECT id FROM fulfillments WHERE order_id = ?").bind(order.id).first<{ id: string }>();
      expect(row).toBeTruthy();
      return row!;
    },
    { timeout: 20_000, interval: 50 },
  );
  await labelled(f.id);
  return { order, fulfillmentId: f.id };
}
