// Giving a bought label back to its carrier, and keeping the carrier's answer (carrier_label_voids). A carrier that is
// down or errs throws, so the job that called this is retried; a carrier that refuses (the parcel was already
// scanned) is an answer, recorded as `rejected`, not a failure.
import { accountById } from "../carrier-accounts/store";
import type { Env } from "../env";
import { carrierFor } from "./index";

export interface BoughtRow {
  id: string;
  carrier: string | null;
  tracking_number: string | null;
  carrier_account_id: string | null;
  carrier_shipment_id: string | null;
  carrier_rate_id: string | null;
  carrier_transaction_id: string | null;
  label_bought_at: number | null;
}

/**
 * `forget`: the label is being replaced (an order edit), so the row drops the purchase to make room for the next;
 * otherwise (a cancel) the row keeps what was bought, as the record of it, and is only no longer 'bought'.
 */
export async function voidLabel(env: Env, f: BoughtRow, reason: string, opts: { forget: boolean }): Promise<void> {
  const account = f.carrier_account_id ? await accountById(env.DB, f.carrier_account_id) : null;
  if (!account) throw new Error(`cannot void the label of ${f.id}: carrier account ${f.carrier_account_id} is gone`);
  const result = await carrierFor(env, account).void({
    shipmentId: f.carrier_shipment_id,
    rateId: f.carrier_rate_id,
    transactionId: f.carrier_transaction_id,
    trackingNumber: f.tracking_number,
    carrier: f.carrier,
    since: f.label_bought_at ?? 0,
  });
  const now = Date.now();
  const release = opts.forget
    ? `UPDATE fulfillments SET label_state = NULL, carrier_account_id = NULL, carrier_shipment_id = NULL, carrier_rate_id = NULL,
         carrier_transaction_id = NULL, label_bought_at = NULL, updated_at = ? WHERE id = ? AND label_state = 'bought'`
    : "UPDATE fulfillments SET label_state = NULL, updated_at = ? WHERE id = ? AND label_state = 'bought'";
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO carrier_label_voids (id, fulfillment_id, account_id, provider, shipment_id, transaction_id, tracking_number, status, message, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    ).bind(
      `${f.id}:${f.carrier_transaction_id ?? f.carrier_shipment_id ?? f.tracking_number}`,
      f.id, account.id, account.provider, f.carrier_shipment_id, f.carrier_transaction_id, f.tracking_number, result.status,
      [reason, result.message].filter(Boolean).join(": "), now,
    ),
    env.DB.prepare(release).bind(now, f.id),
  ]);
}
