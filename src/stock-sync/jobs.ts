// The SYNC queue's jobs. sync_stock: a cell published a change, so every listing of its SKU is told its new figure,
// sent at once by the job itself (the fast path). deliver_stock: one listing's latest figure, for retries (the
// consumer retries a thrown job with backoff) and for reconciles. reconcile_stock: one page of a channel's listings,
// every figure numbered and sent again whether it changed or not.
import { sha256Hex } from "../http/crypto";
import type { Env } from "../env";
import { backoffSeconds } from "../queues/consumer";
import { job } from "../queues/job";
import { figuresOf } from "./figures";
import { recordFigures, type Unsent } from "./record";
import { sendLatest } from "./send";

/** Listings per reconcile page: one D1 statement can bind up to 100 values. */
const PAGE = 90;

export async function syncStock(env: Env, data: Record<string, unknown>): Promise<void> {
  const figures = await figuresOf(env.DB, [String(data.sku)]);
  const unsent = await recordFigures(env.DB, figures, { force: false, reason: "change" });
  await Promise.all(unsent.map((u) => sendOrQueue(env, u)));
}

async function sendOrQueue(env: Env, u: Unsent) {
  const outcome = await sendLatest(env, u.channelId, u.externalSku);
  if (outcome.kind === "done" || (outcome.kind === "failed" && !outcome.retry)) return;
  // A busy listing's holder sends the newest figure when it finishes; the job is only there in case it died.
  const tag = outcome.kind === "busy" ? `busy-${Math.floor(Date.now() / 10_000)}` : `attempt-${outcome.attempts}`;
  const delaySeconds = outcome.kind === "busy" ? 30 : backoffSeconds(outcome.attempts);
  await env.SYNC.send(await deliverJob(u, tag), { delaySeconds });
}

export async function deliverStock(env: Env, data: Record<string, unknown>): Promise<void> {
  const outcome = await sendLatest(env, String(data.channelId), String(data.externalSku));
  if (outcome.kind === "busy") throw new Error("another sender holds this listing");
  if (outcome.kind === "failed" && outcome.retry) throw new Error(`stock update ${outcome.sequence} attempt ${outcome.attempts} failed: ${outcome.error}`);
}

/** A channel's SKUs are theirs when mapped, else our catalog (Shopify is only ever mapped: see listingsOf). */
export async function reconcileStock(env: Env, data: Record<string, unknown>): Promise<void> {
  const channelId = String(data.channelId);
  const after = typeof data.after === "string" ? data.after : "";
  const channel = await env.DB.prepare(
    `SELECT kind, active, inventory_url, EXISTS (SELECT 1 FROM channel_skus m WHERE m.channel_id = c.id) AS has_mappings FROM channels c WHERE id = ?`,
  )
    .bind(channelId)
    .first<{ kind: string; active: number; inventory_url: string | null; has_mappings: number }>();
  if (!channel?.active || !channel.inventory_url) return;

  const page = channel.has_mappings
    ? (
        await env.DB.prepare("SELECT external_sku, sku FROM channel_skus WHERE channel_id = ? AND external_sku > ? ORDER BY external_sku LIMIT ?")
          .bind(channelId, after, PAGE)
          .all<{ external_sku: string; sku: string }>()
      ).results
    : channel.kind === "shopify"
      ? []
      : (await env.DB.prepare("SELECT sku, sku AS external_sku FROM variants WHERE sku > ? ORDER BY sku LIMIT ?").bind(after, PAGE).all<{ external_sku: string; sku: string }>()).results;
  if (!page.length) return;

  const onPage = new Set(page.map((l) => l.external_sku));
  const figures = (await figuresOf(env.DB, [...new Set(page.map((l) => l.sku))], channelId)).filter((f) => onPage.has(f.externalSku));
  const unsent = await recordFigures(env.DB, figures, { force: true, reason: "reconcile" });
  const jobs = await Promise.all(unsent.map((u) => deliverJob(u, "reconcile")));
  if (jobs.length) await env.SYNC.sendBatch(jobs.map((body) => ({ body })));
  if (page.length === PAGE) {
    const last = page[page.length - 1].external_sku;
    await env.SYNC.send(job("reconcile_stock", `${channelId}:${String(data.runId)}:${await shortKey(last)}`, { channelId, runId: data.runId, after: last }));
  }
}

const deliverJob = async (u: Unsent, tag: string) =>
  job("deliver_stock", `${u.channelId}:${await shortKey(u.externalSku)}:${u.sequence}:${tag}`, { channelId: u.channelId, externalSku: u.externalSku });

/** A channel's SKU as part of a job id (at most 200 characters): itself when short, else its hash. */
const shortKey = async (text: string) => (text.length <= 64 ? text : (await sha256Hex(text)).slice(0, 32));
