// The outbox relay: hands undispatched events to the notifications queue, oldest first. Send, then mark: a crash in
// between sends an event again, and the job id (the event id) makes the second dispatch a no-op.
import type { Env } from "../env";
import { job } from "../queues/job";

/** Relays up to `limit` events; returns how many it handed over. */
export async function relayEvents(env: Env, limit = 100): Promise<number> {
  const { results } = await env.DB.prepare("SELECT id FROM events WHERE dispatched_at IS NULL ORDER BY created_at, id LIMIT ?")
    .bind(Math.min(limit, 100)) // a queue batch holds at most 100 messages
    .all<{ id: string }>();
  if (!results.length) return 0;
  await env.NOTIFICATIONS.sendBatch(results.map(({ id }) => ({ body: job("dispatch_event", id, { eventId: id }) })));
  const now = Date.now();
  await env.DB.batch(results.map(({ id }) => env.DB.prepare("UPDATE events SET dispatched_at = ? WHERE id = ? AND dispatched_at IS NULL").bind(now, id)));
  return results.length;
}

/**
 * After a request wrote events: relay them in the background instead of waiting for the cron. A failure here costs
 * only latency, since the sweep relays whatever is left.
 */
export function relaySoon(env: Env, waitUntil: (promise: Promise<unknown>) => void) {
  waitUntil(relayEvents(env).catch((err) => console.warn("relay failed; the sweep will retry", { error: String(err) })));
}
