// Sends a listing's latest figure to its channel. One sender per listing at a time (a lease on its channel_stock
// row), and it always sends the newest figure on record, marking older unsent ones superseded: figures leave in
// order and an older one never follows a newer one. A sender that finishes looks again, so a figure decided while it
// was busy goes out right after, by the same sender.
import { POST_TIMEOUT_MS, postJson } from "../webhooks/post";
import type { Env } from "../env";
import { checkWebhookUrl } from "../webhooks/url-policy";
import { type ChannelTarget, requestFor, type StockDelivery } from "./adapter";

/** After this many failed attempts a delivery is marked failed; the next figure or a reconcile sends again. */
export const MAX_ATTEMPTS = 8;
/** Longer than one attempt can take: a lease older than this belongs to a sender that died. */
const LEASE_MS = 2 * POST_TIMEOUT_MS + 5_000;
/** Figures sent back to back by one sender before it leaves the rest to the queue. */
const MAX_ROUNDS = 5;

export type SendOutcome =
  /** The channel has the newest figure, or there is nothing it should be sent. */
  | { kind: "done" }
  /** Another sender holds the listing. */
  | { kind: "busy" }
  | { kind: "failed"; retry: boolean; sequence: number; attempts: number; error: string };

const LEASE = `UPDATE channel_stock SET sending_until = ?1
  WHERE channel_id = ?2 AND external_sku = ?3 AND sequence > sent_sequence AND (sending_until IS NULL OR sending_until < ?4)
  RETURNING sequence`;

interface Target extends ChannelTarget {
  active: number;
  inventory_url: string | null;
}

export async function sendLatest(env: Env, channelId: string, externalSku: string): Promise<SendOutcome> {
  const db = env.DB;
  const listing = [channelId, externalSku] as const;
  const release = () => db.prepare("UPDATE channel_stock SET sending_until = NULL WHERE channel_id = ? AND external_sku = ?").bind(...listing);

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const now = Date.now();
    const lease = await db.prepare(LEASE).bind(now + LEASE_MS, ...listing, now).first<{ sequence: number }>();
    if (!lease) {
      const state = await db.prepare("SELECT sequence, sent_sequence FROM channel_stock WHERE channel_id = ? AND external_sku = ?").bind(...listing).first<{ sequence: number; sent_sequence: number }>();
      return !state || state.sequence <= state.sent_sequence ? { kind: "done" } : { kind: "busy" };
    }
    const sequence = lease.sequence;
    const [, claimed, target, mapping] = await db.batch([
      db
        .prepare("UPDATE stock_deliveries SET status = 'superseded', updated_at = ? WHERE channel_id = ? AND external_sku = ? AND sequence < ? AND status IN ('pending', 'sending', 'failed')")
        .bind(now, ...listing, sequence),
      db
        .prepare("UPDATE stock_deliveries SET status = 'sending', sent_at = ?, updated_at = ? WHERE channel_id = ? AND external_sku = ? AND sequence = ? RETURNING *")
        .bind(now, now, ...listing, sequence),
      db.prepare("SELECT id, kind, active, inventory_url, webhook_secret, credentials FROM channels WHERE id = ?").bind(channelId),
      db.prepare("SELECT external_inventory_id FROM channel_skus WHERE channel_id = ? AND external_sku = ?").bind(...listing),
    ]);
    const delivery = claimed.results[0] as (StockDelivery & { attempts: number }) | undefined;
    const channel = target.results[0] as Target | undefined;
    if (!delivery) {
      await release().run();
      return { kind: "done" };
    }
    if (!channel?.active || !channel.inventory_url) {
      await finish(db, delivery, "cancelled", null, channel ? "channel inactive or without an inventory URL" : "channel deleted", release());
      return { kind: "done" };
    }

    const giveUp = async (error: string): Promise<SendOutcome> => {
      // No retry can fix the setup; the merchant fixes the channel, and its next figure or a reconcile sends again.
      await finish(db, delivery, "failed", null, error, release());
      return { kind: "failed", retry: false, sequence, attempts: delivery.attempts + 1, error };
    };
    // Checked at send time: the policy may have tightened since the URL was stored.
    const verdict = checkWebhookUrl(channel.inventory_url, env.ENVIRONMENT);
    if (!verdict.ok) return giveUp(`URL not allowed: ${verdict.reason}`);
    const inventoryId = (mapping.results[0] as { external_inventory_id: string | null } | undefined)?.external_inventory_id ?? null;
    const request = await requestFor(channel, delivery, inventoryId);
    if (!request.ok) return giveUp(request.error);

    const answer = await postJson(verdict.url, request.body, request.headers);
    if (!answer.ok) {
      const attempts = delivery.attempts + 1;
      const status = attempts >= MAX_ATTEMPTS ? "failed" : "pending";
      await finish(db, delivery, status, answer.status, answer.error, release());
      return { kind: "failed", retry: status === "pending", sequence, attempts, error: answer.error };
    }
    const [, , after] = await db.batch([
      attemptSql(db, delivery, "succeeded", answer.status, null),
      db
        .prepare(
          `UPDATE channel_stock SET sent_sequence = MAX(sent_sequence, ?1), sent_available = ?2, sent_at = ?3, sending_until = NULL
           WHERE channel_id = ?4 AND external_sku = ?5`,
        )
        .bind(sequence, delivery.available, now, ...listing),
      db.prepare("SELECT sequence > sent_sequence AS more FROM channel_stock WHERE channel_id = ? AND external_sku = ?").bind(...listing),
    ]);
    if (!(after.results[0] as { more: number } | undefined)?.more) return { kind: "done" };
  }
  return { kind: "busy" };
}

const attemptSql = (db: D1Database, d: StockDelivery, status: string, code: number | null, error: string | null) =>
  db
    .prepare("UPDATE stock_deliveries SET status = ?, attempts = attempts + 1, last_status_code = ?, last_error = ?, updated_at = ? WHERE id = ?")
    .bind(status, code, error, Date.now(), d.id);

/** Records the attempt and gives up the lease, together. */
const finish = (db: D1Database, d: StockDelivery, status: string, code: number | null, error: string | null, release: D1PreparedStatement) =>
  status === "cancelled"
    ? db.batch([db.prepare("UPDATE stock_deliveries SET status = 'cancelled', last_error = ?, updated_at = ? WHERE id = ?").bind(error, Date.now(), d.id), release])
    : db.batch([attemptSql(db, d, status, code, error), release]);

