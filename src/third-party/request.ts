// Hook of the fulfillment job: a new shipment at a 3PL location with a fulfillment endpoint is recorded as a request
// (with its deadline to confirm) and sent by its own job. Keyed by the shipment, so the job running twice requests
// nothing twice. Returns the shipments handed to a 3PL: the 3PL prints their labels, not us.
import type { Env } from "../env";
import { job } from "../queues/job";

const HOUR_MS = 3_600_000;

export async function requestThirdParty(env: Env, fulfillmentIds: string[]): Promise<Set<string>> {
  if (!fulfillmentIds.length) return new Set();
  const now = Date.now();
  const { results } = await env.DB.prepare(
    `INSERT INTO third_party_requests (fulfillment_id, location_id, status, confirm_by, created_at, updated_at)
     SELECT f.id, f.location_id, 'pending', ?1 + e.confirm_within_hours * ?2, ?1, ?1
     FROM fulfillments f JOIN locations l ON l.id = f.location_id AND l.kind = '3pl' JOIN third_party_endpoints e ON e.location_id = f.location_id
     WHERE f.id IN (SELECT value FROM json_each(?3)) AND f.status <> 'cancelled'
     ON CONFLICT (fulfillment_id) DO UPDATE SET updated_at = updated_at
     RETURNING fulfillment_id, status`,
  )
    .bind(now, HOUR_MS, JSON.stringify(fulfillmentIds))
    .all<{ fulfillment_id: string; status: string }>();
  const toSend = results.filter((r) => r.status === "pending" || r.status === "failed");
  if (toSend.length)
    await env.FULFILLMENT.sendBatch(toSend.map((r) => ({ body: job("send_third_party_request", r.fulfillment_id, { fulfillmentId: r.fulfillment_id }) })));
  return new Set(results.map((r) => r.fulfillment_id));
}
