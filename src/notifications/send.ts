// send_notification: one stored message through the configured channel. Failures are recorded and thrown, so the
// queue retries with backoff; the message id is the webhook-id, so the endpoint can drop a message it already has.
import type { Env } from "../env";
import { channelOf } from "./channel";

/** After this many failed sends a message is marked failed (the queue's max_retries). */
export const MAX_ATTEMPTS = 8;

interface NotificationRow {
  id: string;
  order_id: string;
  kind: string;
  recipient: string;
  subject: string;
  body: string;
  status: string;
}

export async function sendNotification(env: Env, data: Record<string, unknown>): Promise<void> {
  const row = await env.DB.prepare("SELECT id, order_id, kind, recipient, subject, body, status FROM notifications WHERE id = ?")
    .bind(String(data.notificationId))
    .first<NotificationRow>();
  if (!row || row.status === "sent") return;

  const channel = channelOf(env);
  if (!channel) {
    // Only a message never tried: one the channel already failed keeps that story.
    await env.DB.prepare("UPDATE notifications SET status = 'unsent', last_error = 'no messaging endpoint configured' WHERE id = ? AND status = 'pending' AND attempts = 0")
      .bind(row.id)
      .run();
    return;
  }

  const outcome = await channel.send({ id: row.id, to: row.recipient, subject: row.subject, body: row.body, order_id: row.order_id, kind: row.kind });
  if (outcome.ok) {
    await env.DB.prepare("UPDATE notifications SET status = 'sent', channel = ?, attempts = attempts + 1, last_error = NULL, sent_at = ? WHERE id = ?")
      .bind(channel.name, Date.now(), row.id)
      .run();
    return;
  }
  await env.DB.prepare(
    `UPDATE notifications SET status = CASE WHEN attempts + 1 >= ? THEN 'failed' ELSE 'pending' END, channel = ?, attempts = attempts + 1, last_error = ?
     WHERE id = ? AND status != 'sent'`,
  )
    .bind(MAX_ATTEMPTS, channel.name, outcome.error, row.id)
    .run();
  // No recipient or content in the error: the queue logs it.
  throw new Error(`notification ${row.id} not sent: ${outcome.error}`);
}
