// Which transit time applies to a parcel from a location to a destination, and the promise it gives.
// Per carrier service, the most specific row wins: the location's own row before an any-location one, then the
// longest postcode prefix. Over the services of the asked speed the promise takes the slowest: a promise every such
// service keeps, so rate shopping stays free to pick the cheapest (issue 12 §1) without breaking it.
import type { Speed } from "../domain/carrier";
import { type Calendar, DEFAULT_CALENDAR, type DeliveryPromise, promiseDelivery } from "./promise";
import type { DeliverySettings, TransitTime } from "./settings";

export interface Destination {
  country: string;
  postalCode?: string;
}

const normal = (postal: string) => postal.replace(/\s+/g, "").toUpperCase();

/** The transit days from `locationId` to `dest` at `speed`; null when no configured service reaches it. */
export function transitDaysFor(rows: readonly TransitTime[], locationId: string, dest: Destination, speed: Speed): number | null {
  const postal = normal(dest.postalCode ?? "");
  const country = dest.country.toUpperCase();
  const best = new Map<string, TransitTime>();
  const rank = (r: TransitTime) => (r.location_id ? 1000 : 0) + r.postal_prefix.length;
  for (const r of rows) {
    if (r.speed !== speed || r.country !== country) continue;
    if (r.location_id && r.location_id !== locationId) continue;
    if (!postal.startsWith(normal(r.postal_prefix))) continue;
    const key = `${r.carrier}\n${r.service}`;
    const seen = best.get(key);
    if (!seen || rank(r) > rank(seen)) best.set(key, r);
  }
  if (!best.size) return null;
  return Math.max(...[...best.values()].map((r) => r.transit_days));
}

export const calendarFor = (settings: DeliverySettings, locationId: string): Calendar => settings.calendars.get(locationId) ?? DEFAULT_CALENDAR;

/** The promise for a parcel leaving `locationId` now; null without a transit time to the destination. */
export function estimateFrom(settings: DeliverySettings, locationId: string, dest: Destination, speed: Speed, now: number): DeliveryPromise | null {
  const days = transitDaysFor(settings.transitTimes, locationId, dest, speed);
  return days === null ? null : promiseDelivery(now, calendarFor(settings, locationId), days);
}

/** An order's promise: the end of the latest delivery day over its locations; null if any of them cannot promise. */
export function orderPromise(settings: DeliverySettings, locationIds: readonly string[], dest: Destination, speed: Speed, now: number): number | null {
  if (!locationIds.length) return null;
  let latest = 0;
  for (const id of new Set(locationIds)) {
    const p = estimateFrom(settings, id, dest, speed, now);
    if (!p) return null;
    latest = Math.max(latest, p.deliverBy);
  }
  return latest;
}
