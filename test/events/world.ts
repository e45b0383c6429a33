// Shared by the event, webhook-delivery and notification tests: paid orders, subscriptions on the stand-in
// receiver, and what the receiver got.
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { admin, key } from "../helpers/client";
import { makeLocation, makeProduct, publishableKey, receive, shipTo } from "../helpers/fixtures";

export interface Received {
  method: string;
  headers: Record<string, string>;
  body: string;
}

/** A box name no other test uses: the receiver is shared by every test file. */
export const newBox = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}`;

export const received = async (box: string) => (await fetch(`https://receiver.test/boxes/${box}`)).json<Received[]>();

export async function subscribe(url: string, events: string[] = ["order.created", "order.confirmed"], active = true) {
  const { data, response } = await admin().POST("/v1/webhook-subscriptions", { body: { url, events: events as never, active } });
  expect(response.status).toBe(201);
  return data!;
}

let world: { pk: string; location: string } | undefined;

/** A checkout paid at once: events order.created and order.confirmed. */
export async function paidOrder(quantity = 2) {
  world ??= { pk: await publishableKey(), location: await makeLocation("berlin") };
  const [sku] = await makeProduct([1250]);
  await receive(sku, world.location, quantity);
  const res = await admin().POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key() } },
    body: {
      email: "ada@example.com",
      currency: "EUR",
      lines: [{ sku, quantity }],
      shipping_address: shipTo("berlin"),
      payment: { provider: "psp", reference: "r", amount: 1250 * quantity },
    },
  });
  expect(res.response.status).toBe(201);
  return { ...res.data!, sku };
}

export const eventsOf = (orderId: string) =>
  env.DB.prepare("SELECT id, type, dispatched_at FROM events WHERE order_id = ? ORDER BY created_at, id")
    .bind(orderId)
    .all<{ id: string; type: string; dispatched_at: number | null }>()
    .then((r) => r.results);

export const deliveriesOf = (subscriptionId: string) =>
  env.DB.prepare("SELECT * FROM webhook_deliveries WHERE subscription_id = ? ORDER BY id")
    .bind(subscriptionId)
    .all<{ id: string; event_id: string; event_type: string; status: string; attempts: number; last_status_code: number | null; last_error: string | null; next_attempt_at: number | null }>()
    .then((r) => r.results);
