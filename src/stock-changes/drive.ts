// The sweep's half of the recovery path: every change whose request is gone (its lease ran out) is driven to its end.
// Open ones are abandoned (their own holds go back), written ones are finished (the cells catch up with D1).
import type { Env } from "../env";
import { StockChange } from "./change";
import { type ChangeState, parseAfterwards, parseReserves } from "./record";

// Finished changes stay this long for the stock audit and for people tracing a hold, then go.
const KEEP_MS = 7 * 24 * 3_600_000;

type Row = { id: string; order_id: string | null; kind: string; state: ChangeState; reserves: string; afterwards: string };

const toChange = (env: Env, r: Row) =>
  StockChange.from(env, { id: r.id, orderId: r.order_id, kind: r.kind, reserves: parseReserves(r.reserves), afterwards: parseAfterwards(r.afterwards) });

export interface DriveReport {
  abandoned: number;
  finished: number;
}

export async function driveChanges(env: Env, now = Date.now(), limit = 50): Promise<DriveReport> {
  const report: DriveReport = { abandoned: 0, finished: 0 };
  const { results } = await env.DB.prepare(
    "SELECT id, order_id, kind, state, reserves, afterwards FROM stock_changes WHERE state IN ('open', 'written') AND lease_until <= ? ORDER BY lease_until LIMIT ?",
  )
    .bind(now, limit)
    .all<Row>();
  for (const r of results) {
    const change = toChange(env, r);
    if (r.state === "written") {
      await change.finish();
      report.finished++;
    } else if ((await change.abandon()) === "abandoned") report.abandoned++;
    else report.finished++;
  }
  await env.DB.prepare("DELETE FROM stock_changes WHERE state IN ('done', 'abandoned') AND finished_at < ?").bind(now - KEEP_MS).run();
  return report;
}

/**
 * Before an order changes again: whatever an earlier change of it wrote and did not finish is finished now, so the
 * new change starts from cells that agree with D1.
 */
export async function finishChangesOf(env: Env, orderId: string): Promise<void> {
  const { results } = await env.DB.prepare("SELECT id, order_id, kind, state, reserves, afterwards FROM stock_changes WHERE order_id = ? AND state = 'written'")
    .bind(orderId)
    .all<Row>();
  for (const r of results) await toChange(env, r).finish();
}
