// The cron sweep: finishes what requests left for later or could not finish. Every step is safe to run twice.
import type { Env } from "../env";
import { expireOrder, finishRelease } from "./payments";
import { holdsOf, loadOrder, type OrderRow } from "./store";

const BATCH = 50;
// A confirmation still running this long after the window closed has died; the sweep then releases regardless.
const CONFIRM_GRACE_MS = 5 * 60_000;

export interface SweepReport {
  expired: number;
  released: number;
}

export async function sweep(env: Env, now = Date.now()): Promise<SweepReport> {
  const report: SweepReport = { expired: 0, released: 0 };
  const ids = async (sql: string, ...args: unknown[]) =>
    (await env.DB.prepare(`${sql} LIMIT ${BATCH}`).bind(...args).all<Pick<OrderRow, "id">>()).results.map((r) => r.id);

  // Unpaid orders whose payment window closed: stock back, order cancelled.
  for (const id of await ids("SELECT id FROM orders WHERE payment_status = 'pending' AND status IN ('open', 'on_hold') AND hold_expires_at <= ?", now)) {
    const order = await loadOrder(env.DB, { id });
    if (order && (await expireOrder(env, order, "payment window expired", { force: now > order.row.hold_expires_at! + CONFIRM_GRACE_MS })))
      report.expired++;
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
