import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { refundsReport, returnsReport } from "./returns-report";
import type * as routes from "./routes";

export const ordersAnalytics: RouteHandler<typeof routes.ordersAnalytics, AppEnv> = async (c) => {
  const { from, to, channel_id } = c.req.valid("query");
  const { results } = await c.env.DB.prepare(
    `SELECT day, channel_id, currency, orders, units, revenue, cancellations FROM analytics_daily
     WHERE day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR channel_id = ?3) ORDER BY day, channel_id, currency`,
  )
    .bind(from, to, channel_id ?? null)
    .all<{ day: string; channel_id: string; currency: string; orders: number; units: number; revenue: number; cancellations: number }>();
  const data = results.map((r) => {
    const kept = r.orders - r.cancellations;
    return { ...r, average_order_value: kept > 0 ? Math.round(r.revenue / kept) : null };
  });
  return c.json({ data }, 200);
};

export const fulfillmentAnalytics: RouteHandler<typeof routes.fulfillmentAnalytics, AppEnv> = async (c) => {
  const { from, to } = c.req.valid("query");
  const { results } = await c.env.DB.prepare(
    "SELECT day, shipped, lead_p50_ms, lead_p90_ms, on_time FROM analytics_fulfillment_daily WHERE day BETWEEN ? AND ? ORDER BY day",
  )
    .bind(from, to)
    .all<{ day: string; shipped: number; lead_p50_ms: number | null; lead_p90_ms: number | null; on_time: number }>();
  const data = results.map((r) => ({
    day: r.day,
    shipped: r.shipped,
    lead_time_p50_ms: r.lead_p50_ms,
    lead_time_p90_ms: r.lead_p90_ms,
    on_time_rate: r.shipped ? r.on_time / r.shipped : 0,
  }));
  return c.json({ data }, 200);
};

export const locationAnalytics: RouteHandler<typeof routes.locationAnalytics, AppEnv> = async (c) => {
  const { from, to } = c.req.valid("query");
  const { results } = await c.env.DB.prepare(
    "SELECT day, location_id, units_shipped FROM analytics_location_daily WHERE day BETWEEN ? AND ? ORDER BY day, location_id",
  )
    .bind(from, to)
    .all<{ day: string; location_id: string; units_shipped: number }>();
  return c.json({ data: results }, 200);
};

export const returnsAnalytics: RouteHandler<typeof routes.returnsAnalytics, AppEnv> = async (c) =>
  c.json({ data: await returnsReport(c.env.DB, c.req.valid("query")) }, 200);

export const refundsAnalytics: RouteHandler<typeof routes.refundsAnalytics, AppEnv> = async (c) =>
  c.json({ data: await refundsReport(c.env.DB, c.req.valid("query")) }, 200);
