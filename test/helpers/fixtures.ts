// Builds a small world through the API itself: locations, products, stock, a storefront key.
import { expect } from "vitest";
import { admin, key } from "./client";

let seq = 0;
const unique = (label: string) => `${label}-${++seq}-${Math.random().toString(36).slice(2, 7)}`;

export const PLACES = {
  berlin: { latitude: 52.52, longitude: 13.405, city: "Berlin", country: "DE" },
  lyon: { latitude: 45.764, longitude: 4.8357, city: "Lyon", country: "FR" },
  munich: { latitude: 48.137, longitude: 11.575, city: "Munich", country: "DE" },
} as const;

export async function makeLocation(
  place: keyof typeof PLACES,
  opts: { kind?: "warehouse" | "store" | "3pl"; can_ship?: boolean; can_pickup?: boolean; priority?: number } = {},
) {
  const p = PLACES[place];
  const { data, response } = await admin().POST("/v1/locations", {
    body: {
      code: unique(place).slice(0, 32),
      name: `${p.city} ${opts.kind ?? "warehouse"}`,
      kind: opts.kind ?? "warehouse",
      address: { name: "Receiving", line1: "1 Main Street", city: p.city, postal_code: "10115", country: p.country },
      latitude: p.latitude,
      longitude: p.longitude,
      can_ship: opts.can_ship ?? true,
      can_pickup: opts.can_pickup ?? false,
      priority: opts.priority ?? 100,
    },
  });
  expect(response.status).toBe(201);
  return data!.id;
}

/** A product with one variant per price given; returns the SKUs. */
export async function makeProduct(prices: number[], currency = "EUR") {
  const skus = prices.map(() => unique("SKU").toUpperCase());
  const { response } = await admin().POST("/v1/products", {
    body: {
      title: unique("Tee"),
      variants: prices.map((amount, i) => ({ sku: skus[i], title: `Variant ${i + 1}`, price: { amount, currency } })),
    },
  });
  expect(response.status).toBe(201);
  return skus;
}

export async function receive(sku: string, locationId: string, quantity: number) {
  const { response, data } = await admin().POST("/v1/inventory/movements", {
    params: { header: { "idempotency-key": key("receive") } },
    body: { sku, location_id: locationId, kind: "receive", quantity, reason: "purchase_order" },
  });
  expect(response.status).toBe(201);
  return data!;
}

export async function publishableKey() {
  const { data } = await admin().POST("/v1/api-keys", { body: { kind: "publishable", name: "storefront" } });
  return data!.key;
}

export const shipTo = (place: keyof typeof PLACES) => ({
  name: "Ada Shopper",
  line1: "2 Side Street",
  city: PLACES[place].city,
  postal_code: "12345",
  country: PLACES[place].country,
  latitude: PLACES[place].latitude,
  longitude: PLACES[place].longitude,
});
