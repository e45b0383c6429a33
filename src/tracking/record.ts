// Tracking events in: the one place a carrier's (or aggregator's) word about a parcel enters edge-oms, whether it came
// by a signed webhook (src/tracking/webhooks) or by the cron poller (src/carriers). Every event is kept as history;
// the carrier's own time, not the order of arrival, decides which one is the shipment's latest status.
import type { Env } from "../env";
import { newId } from "../domain/ids";
import { Problem } from "../http/problem";
import { deliver, ship } from "../fulfillment/transitions";
import { tellOnce, NOTICE_STATUSES } from "./notices";

export const TRACKING_STATUSES = ["pre_transit", "in_transit", "out_for_delivery", "delivered", "available_for_pickup", "exception", "returned_to_sender"] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

export interface TrackingEvent {
  /** Unique within its source: a replay of the same id is recorded once. */
  id: string;
  status: TrackingStatus;
  /** Epoch ms, the carrier's time of the event. */
  at: number;
  message: string | null;
  location: string | null;
}

export interface TrackingRef {
  carrier: string;
  trackingNumber: string;
}

/** Statuses that say the carrier has the parcel in hand: a packed shipment with one of them has left the building. */
const MOVING = new Set<TrackingStatus>(["in_transit", "out_for_delivery", "delivered", "available_for_pickup"]);

const RANK: Record<TrackingStatus, number> = {
  pre_transit: 0,
  in_transit: 1,
  out_for_delivery: 2,
  available_for_pickup: 3,
  exception: 3,
  delivered: 4,
  returned_to_sender: 5,
};

export interface TrackedShipment {
  id: string;
  order_id: string;
  status: string;
  carrier: string | null;
  tracking_number: string;
  tracking_status: TrackingStatus | null;
  tracking_status_at: number | null;
}

export interface RecordOutcome {
  /** The shipment the tracking number belongs to; null when none has it (the events are kept as unmatched). */
  fulfillmentId: string | null;
  recorded: number;
}

/**
 * The shipment a tracking number belongs to. Tracking numbers are unique in practice; when two shipments share one
 * (a reused number), the one of the named carrier and then the newest wins. Cancelled shipments never match.
 */
export const shipmentOf = (db: D1Database, ref: TrackingRef) =>
  db
    .prepare(
      `SELECT id, order_id, status, carrier, tracking_number, tracking_status, tracking_status_at FROM fulfillments
       WHERE tracking_number = ? AND status != 'cancelled' ORDER BY lower(coalesce(carrier, '')) = lower(?) DESC, created_at DESC LIMIT 1`,
    )
    .bind(ref.trackingNumber, ref.carrier)
    .first<TrackedShipment>();

/** What the cron poller calls (source `poll`); webhooks call `recordTracking` with their provider as the source. */
export async function recordTrackingEvents(env: Env, ref: TrackingRef, events: TrackingEvent[]): Promise<void> {
  await recordTracking(env, "poll", ref, events);
}

export async function recordTracking(env: Env, source: string, ref: TrackingRef, events: TrackingEvent[]): Promise<RecordOutcome> {
  const valid = dedupe(events.filter((e) => e.id && TRACKING_STATUSES.includes(e.status) && Number.isFinite(e.at)));
  const shipment = await shipmentOf(env.DB, ref);
  if (!valid.length) return { fulfillmentId: shipment?.id ?? null, recorded: 0 };
  const now = Date.now();
  // Two events at the same carrier time (a minute-precision feed): the one further along the parcel's way is the latest.
  const newest = valid.reduce((a, b) => (b.at > a.at || (b.at === a.at && RANK[b.status] > RANK[a.status]) ? b : a));
  const db = env.DB;
  const insert = db.prepare(
    `INSERT INTO tracking_events (id, source, event_id, fulfillment_id, carrier, tracking_number, status, occurred_at, message, location, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source, event_id) DO NOTHING`,
  );
  const statements = valid.map((e) =>
    insert.bind(newId("trk", now), source, e.id, shipment?.id ?? null, ref.carrier, ref.trackingNumber, e.status, Math.trunc(e.at), e.message, e.location, now),
  );
  if (shipment)
    // Only a newer carrier time moves the latest status; an older event stays history. Not a versioned write: these
    // columns belong to tracking alone, so a concurrent pick/pack/ship of the row is not made to fail by it.
    statements.push(
      db
        .prepare("UPDATE fulfillments SET tracking_status = ?, tracking_status_at = ? WHERE id = ? AND (tracking_status_at IS NULL OR tracking_status_at < ?)")
        .bind(newest.status, Math.trunc(newest.at), shipment.id, Math.trunc(newest.at)),
    );
  const results = await db.batch(statements);
  const fresh = valid.filter((_, i) => results[i].meta.changes > 0);
  if (shipment && fresh.length) await follow(env, ref, shipment.id, fresh);
  return { fulfillmentId: shipment?.id ?? null, recorded: fresh.length };
}

function dedupe(events: TrackingEvent[]) {
  const seen = new Map<string, TrackingEvent>();
  for (const e of events) if (!seen.has(e.id)) seen.set(e.id, e);
  return [...seen.values()];
}

/** What the shipment does about new events: it ships (when packed), delivers, and tells the customer. */
async function follow(env: Env, ref: TrackingRef, id: string, fresh: TrackingEvent[]) {
  const actor = `carrier:${ref.carrier}`;
  let now = (await shipmentOf(env.DB, ref))!;
  // A packed parcel the carrier scanned has left: it ships by the same path as a ship at the desk (stock leaves the
  // cells once). A pending or picking one is not moved: skipping packing would be an illegal move, and a scan before
  // packing means the desk has not caught up; the history keeps the events and the next event moves it.
  if (now.status === "packed" && fresh.some((e) => MOVING.has(e.status))) {
    await tolerate(() => ship(env, actor, id, { tracking_number: ref.trackingNumber }));
    now = (await shipmentOf(env.DB, ref))!;
  }
  if (now.status === "shipped" && now.tracking_status === "delivered") {
    await tolerate(() => deliver(env, actor, id));
    now = (await shipmentOf(env.DB, ref))!;
  }
  // Out for delivery and exceptions are told once each, and only while they are the latest word on an undelivered parcel.
  const told = fresh.filter((e) => NOTICE_STATUSES.has(e.status) && e.status === now.tracking_status && Math.trunc(e.at) === now.tracking_status_at);
  if (now.status === "shipped") for (const e of told) await tellOnce(env, now, e);
}

/**
 * A move refused because another request moved the shipment first (two webhooks at once, staff at the desk), or
 * because the desk cannot ship it (units short), leaves the history recorded and the shipment as it is: the carrier's
 * webhook must still be answered 2xx, or it would retry forever.
 */
async function tolerate(move: () => Promise<unknown>) {
  try {
    await move();
  } catch (err) {
    if (!(err instanceof Problem) || err.status !== 409) throw err;
    console.warn("tracking: shipment not moved", { code: err.code, detail: err.detail });
  }
}
