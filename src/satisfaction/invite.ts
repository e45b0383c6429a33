// After delivery, one survey per order: the first delivered shipment of an order brings the customer a link to one
// question. Run by the cron (rollup.ts) for shipments delivered within the last INVITE_WINDOW_MS, whichever path
// delivered them (a carrier's webhook, the poller, staff at the desk); the survey's UNIQUE order_id and the
// notification's dedupe key make a second run send nothing twice.
import type { Env } from "../env";
import { newId } from "../domain/ids";
import { job } from "../queues/job";
import { render } from "../notifications/templates";
import { publicLink } from "../tracking/link";

export const INVITE_WINDOW_MS = 14 * 86_400_000;
const PER_RUN = 50;

const randomHex = (bytes: number) => [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");
export const surveyLink = (publicUrl: string | undefined, token: string) => publicLink(publicUrl, `/survey/${token}`);

interface Delivered {
  fulfillment_id: string;
  order_id: string;
  channel_id: string;
  number: number;
  email: string | null;
}

export async function inviteDelivered(env: Env, now = Date.now()): Promise<number> {
  const db = env.DB;
  const { results } = await db
    .prepare(
      `SELECT f.id AS fulfillment_id, f.order_id, o.channel_id, o.number, o.email FROM fulfillments f JOIN orders o ON o.id = f.order_id
       WHERE f.status = 'delivered' AND f.updated_at > ? AND NOT EXISTS (SELECT 1 FROM satisfaction_surveys s WHERE s.order_id = f.order_id)
       ORDER BY f.delivered_at, f.id LIMIT ?`,
    )
    .bind(now - INVITE_WINDOW_MS, PER_RUN)
    .all<Delivered>();
  let sent = 0;
  const seen = new Set<string>();
  for (const d of results) {
    if (seen.has(d.order_id) || !d.email) continue;
    seen.add(d.order_id);
    const token = randomHex(16);
    const message = render("satisfaction_survey", { orderNumber: d.number, items: [], surveyUrl: surveyLink(env.PUBLIC_URL, token) });
    const notificationId = newId("ntf", now);
    // The survey and its message land together; a concurrent run loses on the survey's UNIQUE order_id, so
    // its token is not stored and its message is not written.
    const inserted = await db.batch([
      db
        .prepare(
          `INSERT INTO satisfaction_surveys (id, token, order_id, fulfillment_id, channel_id, created_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (order_id) DO NOTHING`,
        )
        .bind(newId("svy", now), token, d.order_id, d.fulfillment_id, d.channel_id, now),
      db
        .prepare(
          `INSERT OR IGNORE INTO notifications (id, order_id, kind, dedupe_key, recipient, subject, body, channel, status, attempts, created_at)
           SELECT ?, ?, 'satisfaction_survey', ?, ?, ?, ?, 'webhook', 'pending', 0, ? WHERE EXISTS (SELECT 1 FROM satisfaction_surveys WHERE token = ?)`,
        )
        .bind(notificationId, d.order_id, `satisfaction_survey:${d.order_id}`, d.email, message.subject, message.body, now, token),
    ]);
    if (!inserted[1].meta.changes) continue;
    await env.NOTIFICATIONS.send(job("send_notification", notificationId, { notificationId }));
    sent++;
  }
  return sent;
}
