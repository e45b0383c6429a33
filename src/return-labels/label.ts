// An approved return's shipping label, made on its first download and kept: the carrier chosen like a shipment's
// (src/domain/carrier.ts, standard speed, the shopper's address to the return's location, the returned units'
// weight), a tracking number derived from the return, the RMA on the label. Two first downloads at once draw the same
// label; the row records one of them, and every later download serves that one.
import { distanceKm } from "../domain/allocation";
import type { Address } from "../domain/address";
import { chooseService } from "../domain/carrier";
import type { ReturnStatus } from "../domain/return";
import type { Env } from "../env";
import { conflict, notFound } from "../http/problem";
import { rateTable, trackingNumberOf } from "../labels/job";
import { renderer } from "../documents/renderer";

export interface ReturnLabel {
  return_id: string;
  rma: string;
  carrier: string;
  service: string;
  tracking_number: string;
  label_key: string;
}

interface ReturnFacts {
  id: string;
  rma: string;
  status: ReturnStatus;
  created_at: number;
  approved_at: number | null;
  order_number: number;
  shipping_address: string | null;
  location_address: string | null;
  latitude: number | null;
  longitude: number | null;
  weight_grams: number;
}

export const returnLabelKeyOf = (returnId: string, trackingNumber: string) => `return-labels/${returnId}-${trackingNumber}.pdf`;

/** The label of return `returnId`, made now if it has none yet. 404 unknown return; 409 when it cannot have one. */
export async function returnLabel(env: Env, returnId: string): Promise<ReturnLabel> {
  const db = env.DB;
  const [found, made] = await db.batch([
    db
      .prepare(
        `SELECT r.id, r.rma, r.status, r.created_at, r.approved_at, o.number AS order_number, o.shipping_address,
                l.address AS location_address, l.latitude, l.longitude,
                (SELECT COALESCE(SUM(rl.quantity * COALESCE(v.weight_grams, 0)), 0) FROM return_lines rl
                  LEFT JOIN order_lines ol ON ol.id = rl.order_line_id LEFT JOIN variants v ON v.id = ol.variant_id
                  WHERE rl.return_id = r.id) AS weight_grams
         FROM returns r JOIN orders o ON o.id = r.order_id LEFT JOIN locations l ON l.id = r.location_id WHERE r.id = ?`,
      )
      .bind(returnId),
    db.prepare("SELECT r.rma, x.* FROM return_labels x JOIN returns r ON r.id = x.return_id WHERE x.return_id = ?").bind(returnId),
  ]);
  const r = found.results[0] as ReturnFacts | undefined;
  if (!r) throw notFound("return_not_found", `No return ${returnId}.`);
  const existing = made.results[0] as ReturnLabel | undefined;
  // A closed return keeps the label it had (the parcel may still be on its way); only an open one gets a new one.
  if (existing && (r.status === "open" || r.status === "closed")) return existing;
  if (r.status !== "open")
    throw conflict("return_not_approved", `A ${r.status} return has no return label: only an approved (open) return gets one.`, { return_status: r.status });
  if (!r.shipping_address) throw conflict("no_return_address", "The order has no shipping address to send the parcel from: the items come back to a store.");
  if (!r.location_address || r.latitude === null || r.longitude === null)
    throw conflict("no_return_location", "The return has no location to come back to; set one on the return first.");

  const shipFrom = JSON.parse(r.shipping_address) as Address;
  const shipTo = JSON.parse(r.location_address) as Address;
  const distance =
    shipFrom.latitude === undefined || shipFrom.longitude === undefined
      ? Number.POSITIVE_INFINITY // unknown: priced in the widest band, as for a shipment
      : distanceKm({ latitude: shipFrom.latitude, longitude: shipFrom.longitude }, { latitude: r.latitude, longitude: r.longitude });
  const rate = chooseService(await rateTable(db), { speed: "standard", distanceKm: distance, weightGrams: r.weight_grams });
  if (!rate) throw conflict("no_carrier_rate", `No standard rate covers ${Math.round(distance)} km and ${r.weight_grams} g: add one to the carrier rates.`);

  const trackingNumber = await trackingNumberOf(rate.carrier, r.id);
  const pdf = await renderer(env).returnLabel({
    rma: r.rma,
    orderNumber: r.order_number,
    trackingNumber,
    carrier: rate.carrier,
    service: rate.service,
    weightGrams: r.weight_grams,
    shipFrom,
    shipTo,
    // The day it was approved, not now: drawing it again gives the same bytes.
    createdAt: r.approved_at ?? r.created_at,
  });
  const key = returnLabelKeyOf(r.id, trackingNumber);
  await env.DOCUMENTS.put(key, pdf, { httpMetadata: { contentType: "application/pdf" } });
  // The first to record wins; a racing download that chose otherwise (the rate table changed between) serves the winner.
  const [, rows] = await db.batch([
    db
      .prepare(
        `INSERT INTO return_labels (return_id, carrier, service, tracking_number, shipping_cost, currency, label_key, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (return_id) DO NOTHING`,
      )
      .bind(r.id, rate.carrier, rate.service, trackingNumber, rate.price, rate.currency, key, Date.now()),
    db.prepare("SELECT r.rma, x.* FROM return_labels x JOIN returns r ON r.id = x.return_id WHERE x.return_id = ?").bind(r.id),
  ]);
  return rows.results[0] as ReturnLabel;
}

/** The stored PDF as a download, named after the RMA. */
export async function labelResponse(env: Env, label: ReturnLabel): Promise<Response> {
  const object = await env.DOCUMENTS.get(label.label_key);
  if (!object) throw notFound("label_not_ready", "The label is being made; ask again in a moment.");
  return new Response(object.body, {
    status: 200,
    headers: {
      "content-type": "application/pdf",
      "content-length": String(object.size),
      "content-disposition": `inline; filename="return-label-${label.rma}.pdf"`,
      "x-tracking-number": label.tracking_number,
      etag: object.httpEtag,
    },
  });
}
