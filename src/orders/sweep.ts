// The cron sweep: finishes what requests left for later or could not finish. Every step is safe to run twice.
import type { Env } from "../env";
import { relayEvents } from "../events/relay";
import { job } from "../queues/job";
import { driveChanges } from "../stock-changes/drive";
import { expireOrder, finishRelease } from "./payments";
import { holdsOf, loadOrder, type OrderRow } from "./store";

const BATCH = 50;
// A confirmation still running this long after the window closed has died; the sweep then releases regardless.
const CONFIRM_GRACE_MS = 5 * 60_000;
// A confirmed order gets this long to reach fulfillment on its own before the sweep sends it.
const ENQUEUE_GRACE_MS = 60_000;

export interface SweepReport {
  expired: number;
  released: number;
  enqueued: number;
}

export async function sweep(env: Env, now = Date.now()): Promise<SweepReport> {
  const report: SweepReport = { expired: 0, released: 0, enqueued: 0 };
  const ids = async (sql: string, ...args: unknown[]) =>
    (await env.DB.prepare(`${sql} LIMIT ${BATCH}`).bind(...args).all<Pick<OrderRow, "id">>()).results.map((r) => r.id);

  // Unpaid orders whose payment window closed: stock back, order cancelled.
  for (const id of await ids("SELECT id FROM orders WHERE payment_status = 'pending' AND status IN ('open', 'on_hold') AND hold_expires_at <= ?", now)) {
    const order = await loadOrder(env.DB, { id });
    if (order && (await expireOrder(env, order, "payment window expired", { force: now > order.row.hold_expires_at! + CONFIRM_GRACE_MS })))
      report.expired++;
  }

  // Confirmed orders that never reached fulfillment (the worker died before enqueueing, or a hold was released and
  // its send failed): enqueue again. Orders whose units all wait for stock are the backorder job's to send. The job is named after the order's version: once per version, however often the
  // sweep runs, and a version whose earlier job found the order held gets a job of its own.
  const { results: waiting } = await env.DB.prepare(
    `SELECT id, version FROM orders o WHERE status = 'open' AND payment_status IN ('authorized', 'partially_paid', 'paid', 'partially_refunded')
     AND updated_at <= ? AND NOT EXISTS (SELECT 1 FROM fulfillments f WHERE f.order_id = o.id)
     AND NOT EXISTS (SELECT 1 FROM backorders b WHERE b.order_id = o.id AND b.state = 'waiting') LIMIT ${BATCH}`,
  )
    .bind(now - ENQUEUE_GRACE_MS)
    .all<Pick<OrderRow, "id" | "version">>();
  if (waiting.length) {
    await env.FULFILLMENT.sendBatch(waiting.map(({ id, version }) => ({ body: job("create_fulfillments", `${id}:v${version}`, { orderId: id }) })));
    report.enqueued = waiting.length;
  }

  // Cancelled orders whose stock release was interrupted.
  for (const id of await ids("SELECT id FROM orders WHERE status = 'cancelled' AND stock_state != 'released'")) {
    const order = await loadOrder(env.DB, { id });
    if (!order) continue;
    await finishRelease(env, id, holdsOf(order.allocations), order.row.cancel_reason ?? "cancelled");
    report.released++;
  }

  // Stock changes whose request is gone: open ones are abandoned (their own holds go back), written ones finished.
  const changes = await driveChanges(env, now);
  report.released += changes.abandoned + changes.finished;

  // Outbox events the requests did not relay themselves (they may, with relaySoon), including those just written.
  await relayEvents(env);
  return report;
}
