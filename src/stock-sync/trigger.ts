// Where stock sync starts: a cell that published a change, a merchant asking for a reconcile, and the daily cron.
import type { Env } from "../env";
import { newId } from "../domain/ids";
import { job } from "../queues/job";

/** The daily full re-send of every channel's stock picture (wrangler.toml [triggers]). */
export const STOCK_RECONCILE_CRON = "0 3 * * *";
/** Delivery records older than this are deleted by the daily run. */
const KEEP_DELIVERIES_MS = 30 * 86_400_000;
const KEEP_DONE_MARKS_MS = 86_400_000;
/** The SYNC binding's queue (wrangler.toml). */
const SYNC_QUEUE = "oms-stock-sync";

/**
 * Called by a cell after it published a change to D1. The cell publishes at most once a second, so this is already
 * coalesced; a failure to enqueue is logged and healed by the next change or the daily reconcile.
 */
export async function stockChanged(env: Pick<Env, "SYNC">, cell: { sku: string; locationId: string; version: number }) {
  try {
    await env.SYNC.send(job("sync_stock", `${cell.locationId}/${cell.sku}:${cell.version}`, { sku: cell.sku }));
  } catch (err) {
    console.warn("stock sync not queued", { locationId: cell.locationId, version: cell.version, error: String(err) });
  }
}

/** Queues a full re-send of one channel's stock; returns the run's id. */
export async function requestReconcile(env: Pick<Env, "SYNC">, channelId: string, runId = newId("rcn")) {
  await env.SYNC.send(job("reconcile_stock", `${channelId}:${runId}`, { channelId, runId }));
  return runId;
}

/** The daily run: one reconcile per channel that takes stock (the same day twice is one run), and old records go. */
export async function reconcileAllChannels(env: Env, at: number) {
  const { results } = await env.DB.prepare("SELECT id FROM channels WHERE active = 1 AND inventory_url IS NOT NULL").all<{ id: string }>();
  const day = new Date(at).toISOString().slice(0, 10);
  for (const c of results) await requestReconcile(env, c.id, `daily-${day}`);
  await env.DB.batch([
    // The newest figure of a listing stays while it may still be sent.
    env.DB.prepare("DELETE FROM stock_deliveries WHERE created_at < ? AND status NOT IN ('pending', 'sending')").bind(at - KEEP_DELIVERIES_MS),
    // Every cell change is a sync job; their done-marks only guard against redelivery, which is over within the hour.
    env.DB.prepare("DELETE FROM processed_messages WHERE queue = ? AND processed_at < ?").bind(SYNC_QUEUE, at - KEEP_DONE_MARKS_MS),
  ]);
  return results.length;
}
