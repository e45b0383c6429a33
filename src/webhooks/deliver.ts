// deliver_webhook: one POST of one event to one subscription, recorded on the delivery row. A failure is recorded and
// thrown, so the queue retries with backoff; webhook-id is the event id on every try, so a receiver drops repeats.
import { POST_TIMEOUT_MS, postJson } from "./post";
import type { Env } from "../env";
import { loadEvent } from "../events/dispatch";
import { backoffSeconds } from "../queues/consumer";
import { signatureHeaders } from "./signature";
import { checkDeliveryUrl } from "./url-policy";

/** After this many failed attempts a delivery is marked failed (the queue's max_retries); the retry route revives it. */
export const MAX_ATTEMPTS = 8;

interface DeliveryRow {
  id: string;
  subscription_id: string;
  event_id: string;
  status: string;
  attempts: number;
}

interface Target {
  url: string;
  secret: string;
  active: number;
}

export async function deliverWebhook(env: Env, data: Record<string, unknown>): Promise<void> {
  const delivery = await env.DB.prepare("SELECT id, subscription_id, event_id, status, attempts FROM webhook_deliveries WHERE id = ?")
    .bind(String(data.deliveryId))
    .first<DeliveryRow>();
  if (!delivery || delivery.status === "succeeded" || delivery.status === "cancelled") return;

  const [target, event] = await Promise.all([
    env.DB.prepare("SELECT url, secret, active FROM webhook_subscriptions WHERE id = ?").bind(delivery.subscription_id).first<Target>(),
    loadEvent(env.DB, delivery.event_id),
  ]);
  if (!target || !target.active || !event) {
    await cancel(env, delivery.id, target?.active ? "event not found" : "subscription inactive or deleted");
    return;
  }

  // Checked again at send time: the policy may have tightened since the URL was stored, and the name may point elsewhere.
  const verdict = await checkDeliveryUrl(target.url, env.ENVIRONMENT);
  if (!verdict.ok) {
    // No retry can fix the URL; the merchant changes it, then retries the delivery.
    await record(env, delivery, "failed", { status: null, error: `URL not allowed: ${verdict.reason}` });
    return;
  }

  // At-least-once queues can run two copies of this job at once: only the one that claims the delivery sends. A claim
  // older than two time-outs belongs to a sender that died, and is taken over.
  const now = Date.now();
  const claimed = await env.DB.prepare(
    `UPDATE webhook_deliveries SET status = 'sending', updated_at = ?1
     WHERE id = ?2 AND (status IN ('pending', 'failed') OR (status = 'sending' AND updated_at < ?3))`,
  )
    .bind(now, delivery.id, now - 2 * POST_TIMEOUT_MS)
    .run();
  if (!claimed.meta.changes) return;

  const body = JSON.stringify({ type: event.type, timestamp: new Date(event.created_at).toISOString(), data: JSON.parse(event.data) });
  const outcome = await postJson(verdict.url, body, await signatureHeaders({ secret: target.secret, id: event.id, timestamp: Math.floor(Date.now() / 1000), body }));
  if (outcome.ok) {
    await record(env, delivery, "succeeded", { status: outcome.status, error: null });
    return;
  }
  const attempts = await record(env, delivery, "pending", outcome);
  throw new Error(`delivery ${delivery.id} attempt ${attempts} failed: ${outcome.error}`);
}


/**
 * Records one attempt. A failure leaves the delivery pending with the time of the queue's next try, or failed once
 * attempts reach MAX_ATTEMPTS. A delivery that succeeded meanwhile (a retry raced the queue) stays succeeded.
 */
async function record(env: Env, delivery: DeliveryRow, status: "succeeded" | "pending" | "failed", result: { status: number | null; error: string | null }) {
  const now = Date.now();
  const attempts = delivery.attempts + 1;
  const final = status === "pending" && attempts >= MAX_ATTEMPTS ? "failed" : status;
  const nextAttemptAt = final === "pending" ? now + backoffSeconds(attempts) * 1000 : null;
  await env.DB.prepare(
    `UPDATE webhook_deliveries SET attempts = attempts + 1, status = ?, last_status_code = ?, last_error = ?, next_attempt_at = ?, updated_at = ?
     WHERE id = ? AND status != 'succeeded'`,
  )
    .bind(final, result.status, result.error, nextAttemptAt, now, delivery.id)
    .run();
  return attempts;
}

const cancel = (env: Env, id: string, reason: string) =>
  env.DB.prepare("UPDATE webhook_deliveries SET status = 'cancelled', last_error = ?, next_attempt_at = NULL, updated_at = ? WHERE id = ? AND status != 'succeeded'")
    .bind(reason, Date.now(), id)
    .run();
