// Delivery promises: the merchant's transit times and location calendars (settings), and the delivery report.
import { prepareAll } from "../db/sql";
import { createRouter } from "../http/router";
import { notFound } from "../http/problem";
import { forgetDeliverySettings } from "./cache";
import { DEFAULT_CALENDAR, type Calendar } from "./promise";
import { deliveryReport } from "./report";
import * as routes from "./routes";
import { loadCalendar, loadDeliverySettings, putCalendarSql, replaceTransitTimesSql, type TransitTime } from "./settings";

const present = (r: TransitTime) => ({ ...r, location_id: r.location_id || null, postal_prefix: r.postal_prefix || null });

const presentCalendar = (locationId: string, c: Calendar, isDefault: boolean) => ({
  location_id: locationId,
  time_zone: c.timeZone,
  cutoff: c.cutoff,
  working_days: [...c.workingDays],
  carrier_days: [...c.carrierDays],
  holidays: [...c.holidays],
  is_default: isDefault,
});

async function locationOr404(db: D1Database, id: string) {
  if (!(await db.prepare("SELECT 1 FROM locations WHERE id = ?").bind(id).first())) throw notFound("location_not_found", `No location has the id ${id}.`);
}

export const deliveryPromiseRoutes = createRouter()
  .openapi(routes.getTransitTimes, async (c) => c.json({ data: (await loadDeliverySettings(c.env.DB)).transitTimes.map(present) }, 200))
  .openapi(routes.putTransitTimes, async (c) => {
    const rows: TransitTime[] = c.req.valid("json").data.map((r) => ({
      ...r,
      location_id: r.location_id ?? "",
      postal_prefix: (r.postal_prefix ?? "").replace(/\s+/g, "").toUpperCase(),
    }));
    const origins = [...new Set(rows.map((r) => r.location_id).filter(Boolean))];
    if (origins.length) {
      const { results } = await c.env.DB.prepare(`SELECT id FROM locations WHERE id IN (${origins.map(() => "?").join(", ")})`).bind(...origins).all<{ id: string }>();
      const missing = origins.find((o) => !results.some((r) => r.id === o));
      if (missing) throw notFound("location_not_found", `No location has the id ${missing}.`);
    }
    await c.env.DB.batch(prepareAll(c.env.DB, replaceTransitTimesSql(rows, Date.now())));
    forgetDeliverySettings();
    return c.json({ data: (await loadDeliverySettings(c.env.DB)).transitTimes.map(present) }, 200);
  })
  .openapi(routes.getDeliveryCalendar, async (c) => {
    const { location_id } = c.req.valid("param");
    await locationOr404(c.env.DB, location_id);
    const own = await loadCalendar(c.env.DB, location_id);
    return c.json(presentCalendar(location_id, own ?? DEFAULT_CALENDAR, !own), 200);
  })
  .openapi(routes.putDeliveryCalendar, async (c) => {
    const { location_id } = c.req.valid("param");
    const b = c.req.valid("json");
    await locationOr404(c.env.DB, location_id);
    const cal: Calendar = { timeZone: b.time_zone, cutoff: b.cutoff, workingDays: b.working_days, carrierDays: b.carrier_days, holidays: b.holidays };
    await c.env.DB.batch(prepareAll(c.env.DB, [putCalendarSql(location_id, cal, Date.now())]));
    forgetDeliverySettings();
    return c.json(presentCalendar(location_id, cal, false), 200);
  })
  .openapi(routes.deliveryAnalytics, async (c) => c.json({ data: await deliveryReport(c.env.DB, c.req.valid("query")) }, 200));
