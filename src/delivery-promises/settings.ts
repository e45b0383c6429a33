// The merchant's delivery settings as stored: transit times per carrier service and zone, and location calendars.
import { type Sql, sql } from "../db/sql";
import type { Speed } from "../domain/carrier";
import type { Calendar, Weekday } from "./promise";

export interface TransitTime {
  carrier: string;
  service: string;
  speed: Speed;
  /** '' = from any location. */
  location_id: string;
  country: string;
  /** '' = the whole country. */
  postal_prefix: string;
  transit_days: number;
}

interface CalendarRow {
  location_id: string;
  time_zone: string;
  cutoff: string;
  working_days: string;
  carrier_days: string;
  holidays: string;
}

export interface DeliverySettings {
  transitTimes: TransitTime[];
  calendars: Map<string, Calendar>;
}

export const calendarOf = (r: CalendarRow): Calendar => ({
  timeZone: r.time_zone,
  cutoff: r.cutoff,
  workingDays: JSON.parse(r.working_days) as Weekday[],
  carrierDays: JSON.parse(r.carrier_days) as Weekday[],
  holidays: JSON.parse(r.holidays) as string[],
});

/** Everything a promise needs, in one D1 batch: the tables are a merchant's handful of rows, not per-order data. */
export async function loadDeliverySettings(db: D1Database): Promise<DeliverySettings> {
  const [transit, calendars] = await db.batch<TransitTime & CalendarRow>([
    db.prepare("SELECT carrier, service, speed, location_id, country, postal_prefix, transit_days FROM transit_times ORDER BY carrier, service, location_id, country, postal_prefix"),
    db.prepare("SELECT location_id, time_zone, cutoff, working_days, carrier_days, holidays FROM location_calendars"),
  ]);
  return {
    transitTimes: transit.results as TransitTime[],
    calendars: new Map((calendars.results as CalendarRow[]).map((r) => [r.location_id, calendarOf(r)])),
  };
}

/** One location's own calendar; undefined while it has none. */
export async function loadCalendar(db: D1Database, locationId: string): Promise<Calendar | undefined> {
  const row = await db
    .prepare("SELECT location_id, time_zone, cutoff, working_days, carrier_days, holidays FROM location_calendars WHERE location_id = ?")
    .bind(locationId)
    .first<CalendarRow>();
  return row ? calendarOf(row) : undefined;
}

/** The whole table is replaced: what the merchant sends is the table. */
export const replaceTransitTimesSql = (rows: TransitTime[], now: number): Sql[] => [
  sql("DELETE FROM transit_times"),
  ...rows.map((r) =>
    sql(
      `INSERT INTO transit_times (carrier, service, speed, location_id, country, postal_prefix, transit_days, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      r.carrier, r.service, r.speed, r.location_id, r.country, r.postal_prefix, r.transit_days, now,
    ),
  ),
];

export const putCalendarSql = (locationId: string, c: Calendar, now: number): Sql =>
  sql(
    `INSERT INTO location_calendars (location_id, time_zone, cutoff, working_days, carrier_days, holidays, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
     ON CONFLICT (location_id) DO UPDATE SET time_zone = excluded.time_zone, cutoff = excluded.cutoff, working_days = excluded.working_days,
       carrier_days = excluded.carrier_days, holidays = excluded.holidays, updated_at = excluded.updated_at`,
    locationId, c.timeZone, c.cutoff, JSON.stringify(c.workingDays), JSON.stringify(c.carrierDays), JSON.stringify(c.holidays), now,
  );
