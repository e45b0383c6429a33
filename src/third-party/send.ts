// send_third_party_request: one signed POST of a fulfillment request to the 3PL's endpoint (Standard Webhooks: the
// webhook-id is the shipment's id on every try, so the 3PL drops repeats). A failure is recorded and thrown, so the
// queue retries with backoff; after the last try it lands in dead letters, from where it can be re-driven.
import type { Env } from "../env";
import { POST_TIMEOUT_MS, postJson } from "../webhooks/post";
import { signatureHeaders } from "../webhooks/signature";
import { checkDeliveryUrl } from "../webhooks/url-policy";

/** The FULFILLMENT queue's max_retries + 1. */
export const MAX_ATTEMPTS = 6;

interface RequestRow {
  fulfillment_id: string;
  status: string;
  attempts: number;
  confirm_by: number;
  url: string;
  secret: string;
  fulfillment_status: string;
  order_id: string;
  order_number: number;
  shipping_speed: string;
  shipping_address: string | null;
  email: string;
}

export async function sendThirdPartyRequest(env: Env, data: Record<string, unknown>): Promise<void> {
  const id = String(data.fulfillmentId);
  const [found, lineRows] = await env.DB.batch([
    env.DB.prepare(
      `SELECT r.fulfillment_id, r.status, r.attempts, r.confirm_by, e.url, e.secret, f.status AS fulfillment_status,
              o.id AS order_id, o.number AS order_number, o.shipping_speed, o.shipping_address, o.email
       FROM third_party_requests r JOIN third_party_endpoints e ON e.location_id = r.location_id
       JOIN fulfillments f ON f.id = r.fulfillment_id JOIN orders o ON o.id = f.order_id WHERE r.fulfillment_id = ?`,
    ).bind(id),
    env.DB.prepare(
      `SELECT fl.sku, COALESCE(ol.title, fl.sku) AS title, fl.quantity FROM fulfillment_lines fl LEFT JOIN order_lines ol ON ol.id = fl.order_line_id
       WHERE fl.fulfillment_id = ? ORDER BY ol.position, fl.sku`,
    ).bind(id),
  ]);
  const r = found.results[0] as RequestRow | undefined;
  // Sent, confirmed, or a shipment cancelled before it went out: nothing to send.
  if (!r || r.status === "sent" || r.status === "confirmed" || r.fulfillment_status === "cancelled") return;

  const verdict = await checkDeliveryUrl(r.url, env.ENVIRONMENT);
  if (!verdict.ok) {
    await record(env, r, "failed", { status: null, error: `URL not allowed: ${verdict.reason}` });
    return;
  }
  // Two copies of this job at once: only the one that claims the request sends (a claim older than two time-outs
  // belongs to a sender that died).
  const now = Date.now();
  const claimed = await env.DB.prepare(
    `UPDATE third_party_requests SET status = 'sending', updated_at = ?1
     WHERE fulfillment_id = ?2 AND (status IN ('pending', 'failed') OR (status = 'sending' AND updated_at < ?3))`,
  )
    .bind(now, id, now - 2 * POST_TIMEOUT_MS)
    .run();
  if (!claimed.meta.changes) return;

  const body = JSON.stringify({
    type: "fulfillment.requested",
    timestamp: new Date(now).toISOString(),
    data: {
      fulfillment_id: id,
      order_id: r.order_id,
      order_number: r.order_number,
      email: r.email,
      shipping_speed: r.shipping_speed,
      ship_to: r.shipping_address ? JSON.parse(r.shipping_address) : null,
      lines: lineRows.results,
      confirm_by: new Date(r.confirm_by).toISOString(),
      confirm_path: `/v1/fulfillments/${id}/third-party/confirm`,
    },
  });
  const outcome = await postJson(verdict.url, body, await signatureHeaders({ secret: r.secret, id, timestamp: Math.floor(now / 1000), body }));
  if (outcome.ok) return void (await record(env, r, "sent", { status: outcome.status, error: null }));
  const attempts = await record(env, r, "pending", outcome);
  throw new Error(`3PL request ${id} attempt ${attempts} failed: ${outcome.error}`);
}

async function record(env: Env, r: RequestRow, status: "sent" | "pending" | "failed", result: { status: number | null; error: string | null }) {
  const attempts = r.attempts + 1;
  const final = status === "pending" && attempts >= MAX_ATTEMPTS ? "failed" : status;
  const now = Date.now();
  // A confirmation that came in meanwhile (the 3PL answered before our record) stays confirmed.
  await env.DB.prepare(
    `UPDATE third_party_requests SET status = ?, attempts = attempts + 1, last_status_code = ?, last_error = ?, sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END, updated_at = ?
     WHERE fulfillment_id = ? AND status <> 'confirmed'`,
  )
    .bind(final, result.status, result.error, final, now, now, r.fulfillment_id)
    .run();
  return attempts;
}

