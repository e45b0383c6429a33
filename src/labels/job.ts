// The label job: a fulfillment gets a carrier service, a tracking number, a 4×6 shipping label and a packing slip,
// stored in R2 and recorded on the row.
//
// Redelivery-safe without a lock: the tracking number is derived from the fulfillment id (and the carrier), and the
// PDFs are deterministic (dated by the fulfillment's creation), so two runs, even concurrent ones, write the same bytes
// under the same keys and the same values on the row; the row is only written while it has no label yet.
// Pickup orders travel with no carrier: they get only the packing slip, and no carrier is chosen.
import { distanceKm } from "../domain/allocation";
import type { Address } from "../domain/address";
import { chooseService, type Rate, type Speed } from "../domain/carrier";
import type { Env } from "../env";
import { renderShippingLabel } from "./label";
import { renderPackingSlip, type PackingSlipLine } from "./packing-slip";

interface FulfillmentContext {
  id: string;
  status: string;
  label_key: string | null;
  packing_slip_key: string | null;
  parcel: string | null;
  created_at: number;
  order_number: number;
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

export async function makeLabel(env: Env, data: Record<string, unknown>): Promise<void> {
  const id = String(data.fulfillmentId);
  // The fulfillment with its order and location, and its lines, in one round trip.
  const [found, lineRows] = await env.DB.batch([
    env.DB.prepare(
      `SELECT f.id, f.status, f.label_key, f.packing_slip_key, f.parcel, f.created_at,
              o.number AS order_number, o.shipping_speed, o.shipping_address,
              l.name AS location_name, l.address AS location_address, l.latitude, l.longitude
       FROM fulfillments f JOIN orders o ON o.id = f.order_id JOIN locations l ON l.id = f.location_id
       WHERE f.id = ?`,
    ).bind(id),
    linesOf(env.DB, id),
  ]);
  const f = found.results[0] as FulfillmentContext | undefined;
  // Unknown ids cannot become known by retrying; the fulfillment job always writes the row before enqueueing us.
  if (!f || DONE_STATUSES.has(f.status)) return;
  const pickup = f.shipping_speed === "pickup";
  if (pickup ? f.packing_slip_key : f.label_key) return;

  const lines = lineRows.results as LineWithWeight[];
  const shipFrom = JSON.parse(f.location_address) as Address;
  const shipTo: Address = f.shipping_address
    ? (JSON.parse(f.shipping_address) as Address)
    : { ...shipFrom, name: `Pickup at ${f.location_name}` };
  const slip = await renderPackingSlip({
    fulfillmentId: id,
    orderNumber: f.order_number,
    shipTo,
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

  const weightGrams = parcelWeight(f.parcel) ?? lines.reduce((g, l) => g + l.weight_grams * l.quantity, 0);
  const distance =
    shipTo.latitude === undefined || shipTo.longitude === undefined
      ? Number.POSITIVE_INFINITY // unknown: chooseService prices it in the widest band
      : distanceKm({ latitude: f.latitude, longitude: f.longitude }, { latitude: shipTo.latitude, longitude: shipTo.longitude });
  const rates = await rateTable(env.DB);
  const speed: Speed = f.shipping_speed === "express" ? "express" : "standard";
  const rate = chooseService(rates, { speed, distanceKm: distance, weightGrams });
  // Fails the job (retried, then a dead letter that can be re-driven once the rate table covers this parcel).
  if (!rate) throw new Error(`no ${speed} rate covers ${Math.round(distance)} km and ${weightGrams} g (fulfillment ${id})`);

  const trackingNumber = await trackingNumberOf(rate.carrier, id);
  const label = await renderShippingLabel({
    orderNumber: f.order_number,
    trackingNumber,
    carrier: rate.carrier,
    service: rate.service,
    weightGrams,
    shipFrom,
    shipTo,
    createdAt: f.created_at,
  });
  const labelKey = labelKeyOf(id);
  await env.DOCUMENTS.put(labelKey, label, PDF);
  // Bumping the version makes an admin change based on the row as it was before the label a stale (409) write.
  await env.DB.prepare(
    `UPDATE fulfillments SET carrier = ?, service = ?, tracking_number = ?, shipping_cost = ?, label_key = ?,
       packing_slip_key = ?, updated_at = ?, version = version + 1
     WHERE id = ? AND label_key IS NULL AND status NOT IN ('cancelled', 'shipped', 'delivered')`,
  )
    .bind(rate.carrier, rate.service, trackingNumber, rate.price, labelKey, slipKey, Date.now(), id)
    .run();
}

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

// The rate table changes by migration or by hand, rarely; every label reading it again cost a round trip each.
// The rows are cached, not the promise: Workers tie a promise's continuations to the request that made it.
const RATES_TTL_MS = 60_000;
let rates: { at: number; list: Rate[] } | null = null;

export async function rateTable(db: D1Database): Promise<Rate[]> {
  if (rates && Date.now() - rates.at < RATES_TTL_MS) return rates.list;
  const { results } = await db
    .prepare(
      `SELECT id, carrier, service, speed, transit_days AS transitDays, max_km AS maxKm, max_weight_grams AS maxWeightGrams,
              price, currency FROM carrier_rates`,
    )
    .all<Rate>();
  rates = { at: Date.now(), list: results };
  return results;
}

/** The packed parcel's weight when someone weighed it: it includes the box, so it beats the sum of the items. */
function parcelWeight(parcel: string | null): number | null {
  if (!parcel) return null;
  try {
    const p = JSON.parse(parcel) as { weight_grams?: unknown };
    return typeof p.weight_grams === "number" && p.weight_grams > 0 ? p.weight_grams : null;
  } catch {
    return null;
  }
}

const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/**
 * A carrier-shaped tracking number derived from the fulfillment: the same fulfillment always gets the same number,
 * so a retry after a crash cannot mint a second one. UPS: "1Z" + 16 alphanumerics; DHL and others: "JD" + 18 digits.
 * Both stay well inside what the label's Code 128 symbol can print at a scannable module width.
 */
export async function trackingNumberOf(carrier: string, fulfillmentId: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${carrier}:${fulfillmentId}`)));
  const pick = (alphabet: string, n: number) => [...digest.slice(0, n)].map((b) => alphabet[b % alphabet.length]).join("");
  return carrier === "ups" ? `1Z${pick(ALNUM, 16)}` : `JD${pick(ALNUM.slice(0, 10), 18)}`;
}
