// The INGEST job's part for a channel's refund deliveries (src/ingest/job.ts hands them here): read the refund, take
// turns with the deliveries of its order (the same claim, so an orders/updated and its refund never run side by side),
// record it, and say what became of the delivery.
import type { ChannelRow } from "../channels/store";
import { prepareAll, type Sql, sql } from "../db/sql";
import type { ChannelKind } from "../domain/channel-event";
import { PayloadError } from "../domain/channel-order";
import type { Env } from "../env";
import { claimChannelOrder, retryDelaySeconds } from "../ingest/claim";
import type { ChannelEventRow } from "../ingest/job";
import { Problem } from "../http/problem";
import { RetryLater } from "../queues/retry";
import { type Recorded, recordChannelRefund } from "./record";
import { type ChannelRefund, SHOPIFY_REFUND_TOPICS, shopifyRefund } from "./shopify-refund";
import { wooListedRefunds } from "./woo-refunds";

const READERS: Partial<Record<ChannelKind, { topics: string[]; read: (body: string) => ChannelRefund }>> = {
  shopify: { topics: SHOPIFY_REFUND_TOPICS, read: shopifyRefund },
};

/** Whether a delivery of this channel kind and topic is a refund (the webhook edge stores it, the job sends it here). */
export const isChannelRefund = (kind: ChannelKind, topic: string) => READERS[kind]?.topics.includes(topic) ?? false;

const finishSql = (id: string, status: "processed" | "failed", r: { outcome?: string; note?: string; orderId?: string | null }): Sql =>
  sql(
    "UPDATE channel_events SET status = ?, outcome = ?, error = ?, order_id = COALESCE(?, order_id), processed_at = ? WHERE id = ?",
    status,
    r.outcome ?? null,
    r.note?.slice(0, 2000) ?? null,
    r.orderId ?? null,
    Date.now(),
    id,
  );

export async function ingestChannelRefund(env: Env, channel: ChannelRow, event: ChannelEventRow): Promise<void> {
  const db = env.DB;
  let refund: ChannelRefund;
  try {
    refund = READERS[channel.kind]!.read(event.body);
  } catch (err) {
    if (!(err instanceof PayloadError)) throw err;
    await db.batch(prepareAll(db, [finishSql(event.id, "failed", { note: err.message })]));
    return;
  }
  const claim = await claimChannelOrder(db, channel.id, refund.orderExternalId, event.id);
  if (!claim.ok) throw new RetryLater(`Another delivery of channel order ${refund.orderExternalId} is being applied.`, retryDelaySeconds(event.attempts, claim.leaseUntil));
  let recorded: Recorded;
  try {
    recorded = await recordChannelRefund(env, channel, refund);
  } catch (err) {
    await db.prepare(claim.release.sql).bind(...claim.release.params).run().catch(() => {});
    throw err;
  }
  // An order we do not have yet fails visibly: a replay once it is here records the refund.
  const status = recorded.outcome === "order_unknown" ? "failed" : "processed";
  await db.batch(prepareAll(db, [finishSql(event.id, status, recorded), sql("UPDATE channel_events SET external_id = COALESCE(external_id, ?) WHERE id = ?", refund.orderExternalId, event.id), claim.release]));
}

/**
 * After an order delivery is applied (inside its claim): the refunds the payload lists that are not recorded yet
 * (WooCommerce's order.updated). Answers what could not be recorded, for the delivery's note; never throws for that.
 */
export async function recordListedRefunds(env: Env, channel: ChannelRow, event: ChannelEventRow): Promise<string | undefined> {
  if (channel.kind !== "woocommerce" || event.topic !== "order.updated") return undefined;
  const notes: string[] = [];
  for (const refund of wooListedRefunds(event.body)) {
    try {
      const r = await recordChannelRefund(env, channel, refund);
      if (r.note) notes.push(`refund ${refund.externalId}: ${r.note}`);
    } catch (err) {
      if (!(err instanceof Problem) || err.status >= 500) throw err;
      notes.push(`refund ${refund.externalId} not recorded: ${err.code} (${err.detail ?? err.title})`);
    }
  }
  return notes.length ? notes.join(" ") : undefined;
}
