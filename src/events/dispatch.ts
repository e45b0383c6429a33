// dispatch_event: one outbox event becomes one delivery per interested subscription and, for the events a customer
// hears about, one message in the notifications outbox. Safe to run again: rows are unique per (subscription, event)
// and per dedupe key, and the jobs that follow are named after those rows.
import type { Env } from "../env";
import { queueNotification } from "../notifications/outbox";
import { job } from "../queues/job";

export interface EventRow {
  id: string;
  type: string;
  order_id: string | null;
  data: string;
  created_at: number;
}

export const loadEvent = (db: D1Database, id: string) =>
  db.prepare("SELECT id, type, order_id, data, created_at FROM events WHERE id = ?").bind(id).first<EventRow>();

export async function dispatchEvent(env: Env, data: Record<string, unknown>): Promise<void> {
  const id = String(data.eventId);
  // The event and who subscribed to its type, in one round trip.
  const [found, subscribed] = await env.DB.batch([
    env.DB.prepare("SELECT id, type, order_id, data, created_at FROM events WHERE id = ?").bind(id),
    env.DB.prepare(
      `SELECT id FROM webhook_subscriptions WHERE active = 1
       AND EXISTS (SELECT 1 FROM json_each(events) WHERE value = (SELECT type FROM events WHERE id = ?)) ORDER BY id`,
    ).bind(id),
  ]);
  const event = found.results[0] as EventRow | undefined;
  if (!event) return; // nothing to tell: a job for an unknown event is done
  await createDeliveries(env, event, subscribed.results as { id: string }[]);
  await queueNotification(env, event);
}

async function createDeliveries(env: Env, event: EventRow, subscriptions: { id: string }[]) {
  if (!subscriptions.length) return;
  const now = Date.now();
  const insert = env.DB.prepare(
    `INSERT OR IGNORE INTO webhook_deliveries (id, subscription_id, event_id, event_type, status, attempts, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)`,
  );
  // The delivery id is derived, not random: a second run of this job names the same rows. The last statement finds
  // every delivery of this event not yet tried, including those a crashed earlier run inserted but never enqueued.
  const results = await env.DB.batch([
    ...subscriptions.map((s) => insert.bind(deliveryIdOf(s.id, event.id), s.id, event.id, event.type, now, now)),
    env.DB.prepare("SELECT id FROM webhook_deliveries WHERE event_id = ? AND attempts = 0 AND status = 'pending'").bind(event.id),
  ]);
  const untried = results[results.length - 1].results as { id: string }[];
  if (untried.length) await env.NOTIFICATIONS.sendBatch(untried.map(({ id }) => ({ body: job("deliver_webhook", id, { deliveryId: id }) })));
}

/** whd_<event ulid>_<subscription ulid>: sorts by event, so a subscription's deliveries page in event order. */
export const deliveryIdOf = (subscriptionId: string, eventId: string) => `whd_${eventId.replace(/^[a-z]+_/, "")}_${subscriptionId.replace(/^[a-z]+_/, "")}`;
