// The label job: a fulfillment gets a carrier service, a tracking number, a shipping label and a packing slip, stored
// in R2 and recorded on the row. The service is shopped across every active carrier account serving the location
// (src/carrier-accounts; none configured: the own courier and its rate table), and the label file is the one the
// carrier sold, stored as given.
//
// Redelivery-safe: before buying from a provider, the job records the provider's shipment and rate on the row
// (label_state 'buying'); a later run finding that looks the purchase up at the provider and buys only if it never
// happened. The own courier needs no such record: its tracking number is derived from the fulfillment and its PDF is
// deterministic, so two runs write the same bytes under the same key.
// The same job also gives a bought label back: on a cancelled fulfillment (the cancel enqueues it), and before a new
// label replaces it after an order edit.
// Pickup orders travel with no carrier: they get only the packing slip, and no carrier is chosen.
import { distanceKm } from "../domain/allocation";
import type { Address } from "../domain/address";
import type { Speed } from "../domain/carrier";
import { accountById, accountsServing } from "../carrier-accounts/store";
import type { BoughtLabel, CarrierAccount, CarrierRate, Purchase, ShipmentRequest } from "../carriers/carrier";
import { carrierFor } from "../carriers";
import { OWN_COURIER } from "../carriers/own";
import { cheapest } from "../carriers/shop";
import { voidLabel } from "../carriers/void";
import type { Env } from "../env";
import { RetryLater } from "../queues/retry";
import { renderer } from "../documents/renderer";
import type { PackingSlipLine } from "./packing-slip";

export { rateTable, trackingNumberOf } from "../carriers/own";

export interface FulfillmentContext {
  id: string;
  status: string;
  location_id: string;
  label_key: string | null;
  packing_slip_key: string | null;
  parcel: string | null;
  created_at: number;
  carrier: string | null;
  tracking_number: string | null;
  carrier_account_id: string | null;
  carrier_shipment_id: string | null;
  carrier_rate_id: string | null;
  carrier_transaction_id: string | null;
  label_state: "buying" | "bought" | null;
  label_bought_at: number | null;
  order_number: number;
  /** The delivery date checkout promised (end of that day, epoch ms); null when none was promised. */
  promised_delivery_at: number | null;
  shipping_speed: Speed | "pickup";
  shipping_address: string | null;
  location_name: string;
  location_address: string;
  latitude: number;
  longitude: number;
}

/** Nothing left to print for a parcel that is gone or will not go. */
const DONE_STATUSES = new Set(["cancelled", "shipped", "delivered"]);

export const labelKeyOf = (fulfillmentId: string) => `labels/${fulfillmentId}.pdf`;
export const packingSlipKeyOf = (fulfillmentId: string) => `packing-slips/${fulfillmentId}.pdf`;
const PDF = { httpMetadata: { contentType: "application/pdf" } };

export const purchaseOf = (f: Pick<FulfillmentContext, "carrier_shipment_id" | "carrier_rate_id" | "carrier_transaction_id" | "tracking_number" | "carrier" | "label_bought_at">): Purchase => ({
  shipmentId: f.carrier_shipment_id,
  rateId: f.carrier_rate_id,
  transactionId: f.carrier_transaction_id,
  trackingNumber: f.tracking_number,
  carrier: f.carrier,
  since: f.label_bought_at ?? 0,
});

export async function makeLabel(env: Env, data: Record<string, unknown>): Promise<void> {
  const id = String(data.fulfillmentId);
  // The fulfillment with its order and location, and its lines, in one round trip.
  const [found, lineRows] = await env.DB.batch([
    env.DB.prepare(
      `SELECT f.id, f.status, f.location_id, f.label_key, f.packing_slip_key, f.parcel, f.created_at, f.carrier, f.tracking_number,
              f.carrier_account_id, f.carrier_shipment_id, f.carrier_rate_id, f.carrier_transaction_id, f.label_state, f.label_bought_at,
              o.number AS order_number, o.shipping_speed, o.shipping_address, o.promised_delivery_at,
              l.name AS location_name, l.address AS location_address, l.latitude, l.longitude
       FROM fulfillments f JOIN orders o ON o.id = f.order_id JOIN locations l ON l.id = f.location_id
       WHERE f.id = ?`,
    ).bind(id),
    linesOf(env.DB, id),
  ]);
  const f = found.results[0] as FulfillmentContext | undefined;
  // Unknown ids cannot become known by retrying; the fulfillment job always writes the row before enqueueing us.
  if (!f) return;
  const lines = lineRows.results as LineWithWeight[];
  const shipment = shipmentOf(f, lines);

  if (f.status === "cancelled") {
    // A label bought for a parcel that will not go is given back, so the merchant is not charged for it. One whose
    // purchase was under way when the cancel came is looked up first: it may have gone through.
    const found = f.label_state === "buying" ? await settlePurchase(env, f, shipment) : null;
    if (found) await record(env, id, found, null);
    const now = await reread(env.DB, id);
    if (now?.label_state === "bought") await voidLabel(env, now, "fulfillment cancelled", { forget: false });
    return;
  }
  if (DONE_STATUSES.has(f.status)) return;
  const pickup = f.shipping_speed === "pickup";
  if (pickup ? f.packing_slip_key : f.label_key) return;

  const slip = await renderer(env).packingSlip({
    fulfillmentId: id,
    orderNumber: f.order_number,
    shipTo: shipment.to,
    lines: lines.map(({ sku, title, quantity }) => ({ sku, title, quantity })),
    createdAt: f.created_at,
  });
  const slipKey = packingSlipKeyOf(id);
  await env.DOCUMENTS.put(slipKey, slip, PDF);

  if (pickup) {
    await env.DB.prepare("UPDATE fulfillments SET packing_slip_key = ?, updated_at = ?, version = version + 1 WHERE id = ? AND packing_slip_key IS NULL")
      .bind(slipKey, Date.now(), id)
      .run();
    return;
  }

  // An order edit asked for a new label (label_key cleared) while the old one, bought for the old contents or
  // address, is still valid at the carrier: give it back first, then shop again.
  if (f.label_state === "bought") await voidLabel(env, f, "replaced after an order edit", { forget: true });

  const label = f.label_state === "buying" ? await settlePurchase(env, f, shipment) : await shopAndBuy(env, f, shipment);
  if (!label) return; // another run holds the purchase and finished it
  await record(env, id, label, slipKey);
  if (label.account.provider !== "own") {
    const after = await reread(env.DB, id);
    if (after?.status === "cancelled" && after.label_state === "bought") await voidLabel(env, after, "fulfillment cancelled", { forget: false });
  }
}

/**
 * Stores the carrier's file as given and the purchase on the row. No status condition for a bought label: the
 * purchase must be on record even when a cancel won the race, so that it gets voided. Bumping the version makes an
 * admin change based on the row as it was before the label a stale (409) write.
 */
async function record(env: Env, id: string, label: Label, slipKey: string | null) {
  const labelKey = labelKeyOf(id);
  await env.DOCUMENTS.put(labelKey, label.file.bytes, { httpMetadata: { contentType: label.file.contentType } });
  const bought = label.account.provider !== "own";
  await env.DB.prepare(
    `UPDATE fulfillments SET carrier = ?, service = ?, tracking_number = ?, shipping_cost = ?, shipping_currency = ?, label_key = ?,
       packing_slip_key = COALESCE(?, packing_slip_key), carrier_account_id = ?, carrier_shipment_id = ?, carrier_transaction_id = ?,
       label_state = ?, updated_at = ?, version = version + 1
     WHERE id = ? AND label_key IS NULL AND (? OR status NOT IN ('cancelled', 'shipped', 'delivered'))`,
  )
    .bind(label.carrier, label.service, label.trackingNumber, label.price, label.currency, labelKey, slipKey,
      bought ? label.account.id : null, label.shipmentId, label.transactionId, bought ? "bought" : null, Date.now(), id, bought ? 1 : 0)
    .run();
}

type Label = BoughtLabel & { account: CarrierAccount };

/** Rates from every account serving the location, in parallel; the cheapest that keeps the promise is bought. */
async function shopAndBuy(env: Env, f: FulfillmentContext, req: ShipmentRequest): Promise<Label | null> {
  const configured = await accountsServing(env.DB, f.location_id);
  const accounts = configured.length ? configured : [OWN_COURIER];
  // A carrier that is down or refuses fails the whole job: the queue retries it, and the dead letter it may become
  // carries the carrier's message. Shopping without it could sell a dearer service than the merchant set up.
  const offers = (await Promise.all(accounts.map((a) => carrierFor(env, a).rates(req)))).flat();
  const speed: Speed = f.shipping_speed === "express" ? "express" : "standard";
  const now = Date.now();
  // Services that land by the promised date first; when none can (the promise was made on other transit times), the
  // cheapest of the right speed still ships the parcel: late beats not at all, and on-time delivery will show it.
  const promised = f.promised_delivery_at ?? undefined;
  const rate = (promised === undefined ? null : cheapest(offers, { speed, deliverBy: promised, now })) ?? cheapest(offers, { speed, now });
  // Fails the job (retried, then a dead letter that can be re-driven once an account or the rate table covers it).
  if (!rate) {
    throw new Error(`no ${speed} service covers ${Number.isFinite(req.distanceKm) ? Math.round(req.distanceKm) : "an unknown distance of"} km and ${req.parcel.weightGrams} g (fulfillment ${f.id}; ${offers.length} rates offered)`);
  }
  const account = accounts.find((a) => a.id === rate.accountId)!;
  if (account.provider !== "own") {
    // The recovery point: from here on a run finds the purchase at the provider instead of buying again.
    const claimed = await env.DB.prepare(
      `UPDATE fulfillments SET label_state = 'buying', carrier_account_id = ?, carrier_shipment_id = ?, carrier_rate_id = ?,
         carrier_transaction_id = NULL, label_bought_at = ? WHERE id = ? AND label_state IS NULL AND label_key IS NULL`,
    )
      .bind(account.id, rate.shipmentId, rate.rateId, Date.now(), f.id)
      .run();
    if (!claimed.meta.changes) throw new RetryLater(`another run is buying the label of ${f.id}`, 5);
  }
  return { ...(await carrierFor(env, account).buy(rate, req)), account };
}

/** A purchase started before (this job died or failed mid-way): found at the provider, or bought now. */
async function settlePurchase(env: Env, f: FulfillmentContext, req: ShipmentRequest): Promise<Label | null> {
  const account = f.carrier_account_id ? await accountById(env.DB, f.carrier_account_id) : null;
  if (!account) throw new Error(`fulfillment ${f.id} is buying from carrier account ${f.carrier_account_id}, which is gone`);
  const carrier = carrierFor(env, account);
  const found = await carrier.findBought(purchaseOf(f), req);
  if (found) return { ...found, account };
  if (f.status === "cancelled") {
    // Never bought, and now never will be.
    await env.DB.prepare("UPDATE fulfillments SET label_state = NULL WHERE id = ? AND label_state = 'buying'").bind(f.id).run();
    return null;
  }
  const rate: CarrierRate = {
    accountId: account.id, provider: account.provider, rateId: f.carrier_rate_id!, shipmentId: f.carrier_shipment_id,
    carrier: "", service: "", price: 0, currency: "", transitDays: null,
  };
  return { ...(await carrier.buy(rate, req)), account };
}

function shipmentOf(f: FulfillmentContext, lines: LineWithWeight[]): ShipmentRequest {
  const from = JSON.parse(f.location_address) as Address;
  const to: Address = f.shipping_address ? (JSON.parse(f.shipping_address) as Address) : { ...from, name: `Pickup at ${f.location_name}` };
  const parcel = parcelOf(f.parcel);
  const weightGrams = parcel?.weightGrams ?? lines.reduce((g, l) => g + l.weight_grams * l.quantity, 0);
  const distance =
    to.latitude === undefined || to.longitude === undefined
      ? Number.POSITIVE_INFINITY // unknown: rate tables price it in their widest band
      : distanceKm({ latitude: f.latitude, longitude: f.longitude }, { latitude: to.latitude, longitude: to.longitude });
  return { reference: f.id, orderNumber: f.order_number, from, to, parcel: { ...parcel, weightGrams }, distanceKm: distance, createdAt: f.created_at };
}

export const reread = (db: D1Database, id: string) =>
  db
    .prepare(
      `SELECT id, status, carrier, tracking_number, carrier_account_id, carrier_shipment_id, carrier_rate_id, carrier_transaction_id,
              label_state, label_bought_at FROM fulfillments WHERE id = ?`,
    )
    .bind(id)
    .first<FulfillmentContext>();

interface LineWithWeight extends PackingSlipLine {
  weight_grams: number;
}

const linesOf = (db: D1Database, fulfillmentId: string) =>
  db
    .prepare(
      `SELECT fl.sku, COALESCE(ol.title, fl.sku) AS title, fl.quantity, COALESCE(v.weight_grams, 0) AS weight_grams
       FROM fulfillment_lines fl LEFT JOIN order_lines ol ON ol.id = fl.order_line_id LEFT JOIN variants v ON v.id = ol.variant_id
       WHERE fl.fulfillment_id = ? ORDER BY ol.position, fl.sku`,
    )
    .bind(fulfillmentId);

/** The packed parcel when someone weighed it: its weight includes the box, so it beats the sum of the items. */
function parcelOf(parcel: string | null): { weightGrams: number; lengthCm?: number; widthCm?: number; heightCm?: number } | null {
  if (!parcel) return null;
  try {
    const p = JSON.parse(parcel) as { weight_grams?: unknown; length_cm?: unknown; width_cm?: unknown; height_cm?: unknown };
    if (typeof p.weight_grams !== "number" || p.weight_grams <= 0) return null;
    const cm = (v: unknown) => (typeof v === "number" && v > 0 ? v : undefined);
    return { weightGrams: p.weight_grams, lengthCm: cm(p.length_cm), widthCm: cm(p.width_cm), heightCm: cm(p.height_cm) };
  } catch {
    return null;
  }
}
