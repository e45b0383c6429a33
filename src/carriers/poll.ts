// Tracking by polling, for carrier accounts whose webhooks are not set up (poll: true): the cron asks the carrier
// about shipped parcels not yet delivered, least recently asked first, a bounded number per run, and hands what it
// hears to the tracking feature, which dedupes and orders the events.
import { accountOf, type AccountRow } from "../carrier-accounts/store";
import type { Env } from "../env";
import { recordTrackingEvents } from "../tracking/record";
import { purchaseOf } from "../labels/job";
import { carrierFor } from "./index";

/** Per run (the cron runs every minute): well under the Worker's subrequest limit and a carrier's rate limit. */
export const POLL_BATCH = 25;
/** A parcel is asked about at most this often. */
export const POLL_EVERY_MS = 30 * 60_000;

interface Polled extends AccountRow {
  fulfillment_id: string;
  carrier: string | null;
  tracking_number: string;
  carrier_shipment_id: string | null;
  carrier_rate_id: string | null;
  carrier_transaction_id: string | null;
  label_bought_at: number | null;
}

export async function pollTracking(env: Env, now = Date.now(), limit = POLL_BATCH): Promise<{ polled: number; failed: number }> {
  const { results } = await env.DB.prepare(
    `SELECT a.*, f.id AS fulfillment_id, f.carrier, f.tracking_number, f.carrier_shipment_id, f.carrier_rate_id,
            f.carrier_transaction_id, f.label_bought_at
     FROM fulfillments f JOIN carrier_accounts a ON a.id = f.carrier_account_id
     WHERE f.status = 'shipped' AND f.tracking_number IS NOT NULL AND a.poll = 1 AND a.active = 1
       AND (f.tracking_polled_at IS NULL OR f.tracking_polled_at <= ?)
     ORDER BY coalesce(f.tracking_polled_at, 0), f.id LIMIT ?`,
  )
    .bind(now - POLL_EVERY_MS, limit)
    .all<Polled>();
  let failed = 0;
  await Promise.all(
    results.map(async (row) => {
      try {
        const events = await carrierFor(env, accountOf(row)).track(purchaseOf(row));
        await recordTrackingEvents(env, { carrier: row.carrier ?? row.provider, trackingNumber: row.tracking_number }, events);
      } catch (err) {
        // One carrier down does not stop the others; the parcel is asked again next time.
        failed++;
        console.warn("tracking poll failed", { fulfillment: row.fulfillment_id, error: String(err) });
      }
      // Marked either way, so a parcel its carrier cannot answer for does not take every run's slots.
      await env.DB.prepare("UPDATE fulfillments SET tracking_polled_at = ? WHERE id = ?").bind(now, row.fulfillment_id).run();
    }),
  );
  return { polled: results.length, failed };
}
