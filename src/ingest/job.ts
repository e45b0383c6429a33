// The INGEST job for one stored channel delivery: read it, apply it, record what became of it. A payload that cannot
// be read is marked failed at once (no retry can fix it; a replay after a fix can); anything else that fails is
// retried by the queue. Runs of one channel order take turns (claim.ts): a run that finds another at work on it is
// retried by the queue a moment later.
import { getChannel } from "../channels/store";
import { ingestChannelRefund, isChannelRefund, recordListedRefunds } from "../channel-returns/ingest";
import { PayloadError } from "../domain/channel-order";
import { readChannelEvent } from "../domain/channel-event";
import type { Env } from "../env";
import { prepareAll, type Sql, sql } from "../db/sql";
import { RetryLater } from "../queues/retry";
import { type Applied, applyCancellation, applyOrder } from "./apply";
import { claimChannelOrder, retryDelaySeconds } from "./claim";

export interface ChannelEventRow {
  id: string;
  channel_id: string;
  delivery_id: string;
  topic: string;
  headers: string;
  body: string;
  status: "received" | "processed" | "failed";
  outcome: string | null;
  error: string | null;
  external_id: string | null;
  order_id: string | null;
  attempts: number;
  received_at: number;
  processed_at: number | null;
}

const finishSql = (id: string, status: "processed" | "failed", a: Partial<Applied> & { error?: string; externalId?: string }) =>
  sql(
    "UPDATE channel_events SET status = ?, outcome = ?, error = ?, order_id = COALESCE(?, order_id), external_id = COALESCE(?, external_id), processed_at = ? WHERE id = ?",
    status, a.outcome ?? null, (a.error ?? a.note ?? null)?.slice(0, 2000) ?? null, a.orderId ?? null, a.externalId ?? null, Date.now(), id,
  );

const run = (db: D1Database, q: Sql) => db.prepare(q.sql).bind(...q.params).run();

const finish = (db: D1Database, id: string, status: "processed" | "failed", a: Partial<Applied> & { error?: string; externalId?: string }) =>
  run(db, finishSql(id, status, a));

export async function ingestChannelEvent(env: Env, data: Record<string, unknown>) {
  const db = env.DB;
  const event = await db.prepare("UPDATE channel_events SET attempts = attempts + 1 WHERE id = ? RETURNING *").bind(String(data.eventId)).first<ChannelEventRow>();
  if (!event || event.status === "processed") return;
  const channel = await getChannel(db, event.channel_id);
  if (!channel) return finish(db, event.id, "failed", { error: "The channel no longer exists." });
  // A refund at the channel is not an order: it becomes a return and a refund here (src/channel-returns).
  if (isChannelRefund(channel.kind, event.topic)) return ingestChannelRefund(env, channel, event);

  let read;
  try {
    read = readChannelEvent(channel.kind, event.topic, event.body);
  } catch (err) {
    if (err instanceof PayloadError) return finish(db, event.id, "failed", { error: err.message });
    throw err;
  }
  if (read.action === "ignore") return finish(db, event.id, "processed", { outcome: "ignored", note: read.reason });

  const externalId = read.order.externalId;
  const claim = await claimChannelOrder(db, channel.id, externalId, event.id);
  if (!claim.ok)
    throw new RetryLater(`Another delivery of channel order ${externalId} is being applied.`, retryDelaySeconds(event.attempts, claim.leaseUntil));

  let applied: Applied;
  try {
    // Work the capture path hands on (a paid order to fulfillment) finishes before the job is acknowledged.
    const pending: Promise<unknown>[] = [];
    applied = read.action === "cancel" ? await applyCancellation(env, channel, read.order) : await applyOrder(env, channel, read.order, (p) => pending.push(p));
    await Promise.allSettled(pending);
    // Refunds the payload lists (WooCommerce's order.updated) are recorded once each, while the order is still ours.
    const refunds = await recordListedRefunds(env, channel, event);
    if (refunds) applied = { ...applied, note: [applied.note, refunds].filter(Boolean).join(" ") };
  } catch (err) {
    // The next delivery of this order need not wait out the lease; the retry of this one claims it again.
    await run(db, claim.release).catch(() => {});
    throw err;
  }
  // Recorded and given up in one write: a later delivery never starts before this one's outcome is stored.
  await db.batch(prepareAll(db, [finishSql(event.id, "processed", { ...applied, externalId }), claim.release]));
}
