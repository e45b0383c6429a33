// The public view of one shipment, found by its unguessable tracking token: what the tracking page and its JSON show.
// Only the parcel's own facts: no address, no email, no price.
import { notFound } from "../http/problem";
import type { PublicTrackingView } from "./schemas";
import type { TrackingStatus } from "./record";

export interface HistoryRow {
  fulfillment_id: string;
  status: TrackingStatus;
  occurred_at: number;
  message: string | null;
  location: string | null;
}

/** Newest first by the carrier's time; events of the same time in the order they were received, last first. */
export const historySql = (where: string) =>
  `SELECT fulfillment_id, status, occurred_at, message, location FROM tracking_events WHERE ${where} ORDER BY occurred_at DESC, received_at DESC, id DESC`;

export const presentEvent = (e: HistoryRow) => ({ status: e.status, at: e.occurred_at, message: e.message, location: e.location });

export async function trackingByToken(db: D1Database, token: string): Promise<PublicTrackingView> {
  const [shipments, history] = await db.batch([
    db
      .prepare(
        `SELECT o.number AS order_number, f.status, f.tracking_status, f.tracking_status_at, f.carrier, f.service, f.tracking_number,
           f.shipped_at, f.delivered_at FROM fulfillments f JOIN orders o ON o.id = f.order_id WHERE f.tracking_token = ?`,
      )
      .bind(token),
    db.prepare(historySql("fulfillment_id = (SELECT id FROM fulfillments WHERE tracking_token = ?)")).bind(token),
  ]);
  const shipment = shipments.results[0] as Omit<PublicTrackingView, "events"> | undefined;
  if (!shipment) throw notFound("tracking_not_found", "No shipment has this tracking link.");
  return { ...shipment, events: (history.results as HistoryRow[]).map(presentEvent) };
}
