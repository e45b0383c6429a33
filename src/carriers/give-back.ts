// The hook a cancel calls: shipments whose label was bought (or was being bought) from a carrier get a label job,
// which gives the label back to the carrier (src/labels/job.ts, cancelled branch). Sent after the cancel is written,
// so the job always finds the fulfillment cancelled. (A worker dying between the two loses the void: known gap.)
import type { Env } from "../env";
import { job } from "../queues/job";

export async function giveBackLabels(env: Env, fulfillmentIds: string[]): Promise<void> {
  if (!fulfillmentIds.length) return;
  const { results } = await env.DB.prepare(
    "SELECT id FROM fulfillments WHERE id IN (SELECT value FROM json_each(?)) AND label_state IS NOT NULL",
  )
    .bind(JSON.stringify(fulfillmentIds))
    .all<{ id: string }>();
  if (!results.length) return;
  await env.LABELS.sendBatch(results.map((r) => ({ body: job("make_label", `${r.id}:cancelled`, { fulfillmentId: r.id }) })));
}
