// Cron step: ready pickups nobody collected by their date are cancelled, and their units go back on sale through the
// order's cancel path (give-back.ts). Run twice, it does the work once: an expired pickup is not ready any more, and
// a shipment already cancelled (a run that died before marking its pickup) is only marked.
import type { Env } from "../env";
import { fulfillmentOr404 } from "../fulfillment/store";
import { cancelPickupUnits } from "./give-back";

export async function expireUncollected(env: Env, now = Date.now()): Promise<{ expired: number; failed: number }> {
  const { results } = await env.DB.prepare("SELECT fulfillment_id, collect_by FROM pickups WHERE status = 'ready' AND collect_by <= ? ORDER BY collect_by LIMIT 100")
    .bind(now)
    .all<{ fulfillment_id: string; collect_by: number }>();
  let expired = 0;
  let failed = 0;
  for (const p of results) {
    try {
      const f = await fulfillmentOr404(env.DB, p.fulfillment_id);
      await cancelPickupUnits(env, f, "system", `not collected by ${new Date(p.collect_by).toISOString().slice(0, 10)}`);
      const marked = await env.DB.prepare("UPDATE pickups SET status = 'expired', code_hash = NULL, updated_at = ? WHERE fulfillment_id = ? AND status = 'ready'")
        .bind(now, p.fulfillment_id)
        .run();
      expired += marked.meta.changes;
    } catch (err) {
      // One order refusing (it changed meanwhile) never stops the others; the next run tries it again.
      failed++;
      console.warn("expiring an uncollected pickup failed", { fulfillment_id: p.fulfillment_id, error: String(err) });
    }
  }
  return { expired, failed };
}
