// The cron sweep: finishes what requests left for later or could not finish. Every step is safe to run twice.
import { commitAll } from "../checkout/holds";
import { markCommitted } from "../checkout/commit-marks";
import { event, insert } from "../checkout/service";
import type { Env } from "../env";
import { expireOrder, finishRelease } from "./payments";
import { holdsOf, loadOrder, type OrderRow } from "./store";
import { updateOrder, writeOrderBatch } from "./write";

const BATCH = 50;
// A confirmation still running this long after the window closed has died; the sweep then releases regardless.
const CONFIRM_GRACE_MS = 5 * 60_000;
// Paid orders get this long to commit their stock in the request itself before the sweep steps in.
const COMMIT_GRACE_MS = 30_000;

export interface SweepReport {
  expired: number;
  committed: number;
  released: number;
}

export async function sweep(env: Env, now = Date.now()): Promise<SweepReport> {
  const report: SweepReport = { expired: 0, committed: 0, released: 0 };
  const ids = async (sql: string, ...args: unknown[]) =>
    (await env.DB.prepare(`${sql} LIMIT ${BATCH}`).bind(...args).all<Pick<OrderRow, "id">>()).results.map((r) => r.id);

  // Unpaid orders whose payment window closed: stock back, order cancelled.
  for (const id of await ids("SELECT id FROM orders WHERE payment_status = 'pending' AND status IN ('open', 'on_hold') AND hold_expires_at <= ?", now)) {
    const order = await loadOrder(env.DB, { id });
    if (order && (await expireOrder(env, order, "payment window expired", { force: now > order.row.hold_expires_at! + CONFIRM_GRACE_MS })))
      report.expired++;
  }

  // Paid orders whose request died before committing their holds.
  for (const id of await ids(
    "SELECT id FROM orders WHERE stock_state = 'reserved' AND payment_status IN ('authorized', 'partially_paid', 'paid') AND created_at <= ?",
    now - COMMIT_GRACE_MS,
  )) {
    const order = await loadOrder(env.DB, { id });
    if (!order) continue;
    const results = await commitAll(env, holdsOf(order.allocations));
    if (results.every((r) => r.ok)) {
      await markCommitted(env.DB, [id], results.map((r) => r.snapshot));
      report.committed++;
    } else {
      // The holds ran out before anyone committed them: a paid order without its stock needs a person.
      await writeOrderBatch(env.DB, [
        updateOrder(env.DB, id, order.row.version, { status: "on_hold" }),
        insert(env.DB, "order_events", event(id, "order.on_hold", "system", now, { reason: "stock_lost_before_commit" })),
      ]).catch((err) => console.warn("sweep could not hold order", { id, error: String(err) }));
    }
  }

  // Cancelled orders whose stock release was interrupted.
  for (const id of await ids("SELECT id FROM orders WHERE status = 'cancelled' AND stock_state != 'released'")) {
    const order = await loadOrder(env.DB, { id });
    if (!order) continue;
    await finishRelease(env, id, holdsOf(order.allocations), order.row.cancel_reason ?? "cancelled");
    report.released++;
  }
  return report;
}
