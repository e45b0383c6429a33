// Runs the cron as wrangler would, and reads what the analytics steps keep in D1.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../src/index";

/** One cron tick; `at` is the tick's scheduled time (the analytics steps take it as "now"). */
export async function tick(at = Date.now()) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: "* * * * *", scheduledTime: at }), env, ctx);
  await waitOnExecutionContext(ctx);
}

export const watermark = async (name: string) =>
  (await env.DB.prepare("SELECT value FROM watermarks WHERE name = ?").bind(name).first<{ value: string }>())?.value ?? null;

export const rollupStamps = async () =>
  (
    await env.DB.prepare(
      `SELECT 'd:' || day || channel_id || currency AS k, updated_at FROM analytics_daily
       UNION ALL SELECT 'f:' || day, updated_at FROM analytics_fulfillment_daily
       UNION ALL SELECT 'l:' || day || location_id, updated_at FROM analytics_location_daily ORDER BY k`,
    ).all<{ k: string; updated_at: number }>()
  ).results;

export const today = () => new Date().toISOString().slice(0, 10);
