// A client from a second, independent generator (@hey-api/openapi-ts, openapi/hey-api/, `npm run openapi`) places an
// order and reads it back against the worker, so the committed spec is not shaped around openapi-typescript alone.
// Only that client is used here: catalog, location, stock, checkout, order.
import { env, exports } from "cloudflare:workers";
import { expect, it } from "vitest";
import { createClient } from "../../openapi/hey-api/client";
import { createCheckout, createLocation, createProduct, getOrder, recordInventoryMovement } from "../../openapi/hey-api/sdk.gen";

const client = createClient({
  baseUrl: "http://oms.test",
  fetch: (input: RequestInfo | URL, init?: RequestInit) => exports.default.fetch(new Request(input, init)),
  headers: { authorization: `Bearer ${env.ADMIN_API_KEY}` },
});

it("places an order and reads it back through the @hey-api/openapi-ts client", async () => {
  const sku = `HEY-${Date.now()}`;
  const product = await createProduct({
    client,
    body: { title: "Second-client tee", variants: [{ sku, title: "M", price: { amount: 2500, currency: "EUR" } }] },
  });
  expect(product.response.status).toBe(201);

  const location = await createLocation({
    client,
    body: {
      code: `hey-${Date.now()}`.slice(0, 32),
      name: "Berlin warehouse",
      kind: "warehouse",
      address: { name: "Receiving", line1: "1 Main Street", city: "Berlin", postal_code: "10115", country: "DE" },
      latitude: 52.52,
      longitude: 13.405,
      can_ship: true,
      can_pickup: false,
      priority: 100,
    },
  });
  expect(location.response.status).toBe(201);
  const locationId = location.data!.id;

  const stock = await recordInventoryMovement({
    client,
    headers: { "idempotency-key": `hey-receive-${sku}` },
    body: { sku, location_id: locationId, kind: "receive", quantity: 3, reason: "purchase_order" },
  });
  expect(stock.response.status).toBe(201);

  const placed = await createCheckout({
    client,
    headers: { "idempotency-key": `hey-checkout-${sku}` },
    body: {
      email: "ada@example.com",
      currency: "EUR",
      lines: [{ sku, quantity: 2 }],
      shipping_address: { name: "Ada Shopper", line1: "2 Side Street", city: "Berlin", postal_code: "12345", country: "DE", latitude: 52.5, longitude: 13.4 },
      payment: { provider: "stripe", reference: `pi_${sku}`, amount: 5000 },
    },
  });
  expect(placed.response.status).toBe(201);
  const id = placed.data!.id;

  const read = await getOrder({ client, path: { id } });
  expect(read.response.status).toBe(200);
  expect(read.data).toMatchObject({ id, status: "open", payment_status: "authorized", total: 5000, currency: "EUR" });
  expect(read.data!.lines).toMatchObject([{ sku, quantity: 2, unit_price: 2500, allocations: [{ location_id: locationId, quantity: 2 }] }]);
  expect(read.data!.billing_address).toBeNull();
});
