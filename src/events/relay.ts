// The outbox relay: hands undispatched events to the notifications queue, oldest first. Send, then mark: a crash in
// between sends an event again, and the job id (the event id) makes the second dispatch a no-op.
import type { Env } from "../env";
import { KIND_OF_EVENT } from "../notifications/templates";
import { job } from "../queues/job";

/** Relays up to `limit` events; returns how many it marked relayed. */
export async function relayEvents(env: Env, limit = 100): Promise<number> {
  const [pending, subscribed] = await env.DB.batch([
    // a queue batch holds at most 100 messages
    env.DB.prepare("SELECT id, type FROM events WHERE dispatched_at IS NULL ORDER BY created_at, id LIMIT ?").bind(Math.min(limit, 100)),
    env.DB.prepare("SELECT DISTINCT j.value AS type FROM webhook_subscriptions s, json_each(s.events) j WHERE s.active = 1"),
  ]);
  const events = pending.results as { id: string; type: string }[];
  if (!events.length) return 0;
  // An event no subscription asks for and no customer hears about needs no job: it is marked relayed as it is.
  // (Analytics read the events table itself.) That spares the queue and D1 one job per order.created.
  const wanted = new Set((subscribed.results as { type: string }[]).map((s) => s.type));
  const heard = events.filter((e) => wanted.has(e.type) || KIND_OF_EVENT[e.type]);
  if (heard.length) await env.NOTIFICATIONS.sendBatch(heard.map(({ id }) => ({ body: job("dispatch_event", id, { eventId: id }) })));
  await env.DB.prepare("UPDATE events SET dispatched_at = ? WHERE dispatched_at IS NULL AND id IN (SELECT value FROM json_each(?))")
    .bind(Date.now(), JSON.stringify(events.map((e) => e.id)))
    .run();
  return events.length;
}

/**
 * After a request wrote events: relay them in the background instead of waiting for the cron. A failure here costs
 * only latency, since the sweep relays whatever is left.
 */
export function relaySoon(env: Env, waitUntil: (promise: Promise<unknown>) => void) {
  waitUntil(relayEvents(env).catch((err) => console.warn("relay failed; the sweep will retry", { error: String(err) })));
}
