// The delivery promise, without I/O: from "now", a location's calendar and a carrier service's transit days, the day
// the parcel leaves and the day it arrives.
//   - Ship date: today (in the location's time zone) if today is one of its working days, not a holiday, and the
//     order comes in before the cut-off; otherwise the next such day.
//   - Delivery date: the ship date plus `transitDays` carrier days, counted on the carrier's days (Mon–Fri unless the
//     calendar says otherwise) and skipping the location's holidays too: the holidays a merchant enters are the
//     public holidays of the location's country, when carriers do not move parcels either. 0 transit days = same day.
// Dates are local calendar days "YYYY-MM-DD" of the location's zone; `deliverBy` is the end of the delivery day there.

/** ISO weekdays: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface Calendar {
  /** IANA zone of the location, e.g. "Europe/Berlin". */
  timeZone: string;
  /** Local "HH:MM": orders in before it leave today. */
  cutoff: string;
  workingDays: readonly Weekday[];
  /** Local dates "YYYY-MM-DD" when the location ships nothing and carriers deliver nothing. */
  holidays: readonly string[];
  /** The days the carrier moves and delivers parcels. */
  carrierDays: readonly Weekday[];
}

export interface DeliveryPromise {
  shipDate: string;
  deliveryDate: string;
  /** ms: the last instant of the delivery date in the location's zone, what "delivered on time" is measured against. */
  deliverBy: number;
}

const DAY_MS = 86_400_000;
// A calendar that allows no day within two years (every day a holiday) promises nothing rather than looping.
const HORIZON_DAYS = 731;

export const DEFAULT_CALENDAR: Calendar = { timeZone: "UTC", cutoff: "14:00", workingDays: [1, 2, 3, 4, 5], holidays: [], carrierDays: [1, 2, 3, 4, 5] };

/** Null when the calendar leaves no day to ship or deliver on within the horizon. */
export function promiseDelivery(now: number, cal: Calendar, transitDays: number): DeliveryPromise | null {
  const local = localParts(now, cal.timeZone);
  const holidays = new Set(cal.holidays);
  const works = (day: number, days: readonly Weekday[]) => days.includes(weekdayOf(day)) && !holidays.has(dateOf(day));
  let ship = local.day;
  if (!(works(ship, cal.workingDays) && local.minutes < minutesOf(cal.cutoff))) {
    ship = next(ship, (d) => works(d, cal.workingDays));
    if (ship < 0) return null;
  }
  let delivery = ship;
  for (let left = Math.max(0, Math.floor(transitDays)); left > 0; left--) {
    delivery = next(delivery, (d) => works(d, cal.carrierDays));
    if (delivery < 0) return null;
  }
  return { shipDate: dateOf(ship), deliveryDate: dateOf(delivery), deliverBy: startOfLocalDay(delivery + 1, cal.timeZone) - 1 };
}

/** The first day after `from` that `ok` accepts, or -1 past the horizon. Days are counted from 1970-01-01. */
function next(from: number, ok: (day: number) => boolean): number {
  for (let d = from + 1; d <= from + HORIZON_DAYS; d++) if (ok(d)) return d;
  return -1;
}

/** 1970-01-01 was a Thursday. */
export const weekdayOf = (day: number) => ((((day + 3) % 7) + 7) % 7) + 1 as Weekday;
export const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const dayNumberOf = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether the runtime knows this IANA zone. */
export function isTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** The local calendar day (days since 1970-01-01) and minutes past local midnight of an instant. */
function localParts(t: number, timeZone: string) {
  const p = Object.fromEntries(formatter(timeZone).formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return { day: Math.floor(asUtc / DAY_MS), minutes: Number(p.hour) * 60 + Number(p.minute), offset: asUtc - Math.floor(t / 1000) * 1000 };
}

/** The instant local midnight begins `day` in the zone (twice corrected: the offset may change across the night). */
function startOfLocalDay(day: number, timeZone: string): number {
  let t = day * DAY_MS;
  for (let i = 0; i < 2; i++) t = day * DAY_MS - localParts(t, timeZone).offset;
  return t;
}
