// Order accuracy and inventory accuracy, read from the rollups (rollup.ts, run by the analytics cron).
import { createRouter } from "../http/router";
import * as routes from "./routes";

export const accuracyRoutes = createRouter().openapi(routes.getAccuracy, async (c) => {
  const { from, to, location_id } = c.req.valid("query");
  const loc = location_id ?? null;
  const [orders, counts] = await c.env.DB.batch<Record<string, number | string>>([
    c.env.DB.prepare(
      `SELECT day, SUM(shipped) AS shipped, SUM(wrong_scans) AS wrong_scans, SUM(returned_wrong) AS returned_wrong, SUM(accurate) AS accurate
       FROM analytics_order_accuracy_daily WHERE day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR location_id = ?3) GROUP BY day ORDER BY day`,
    ).bind(from, to, loc),
    c.env.DB.prepare(
      `SELECT day, location_id, counts, counted_units, variance_units FROM analytics_inventory_accuracy_daily
       WHERE day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR location_id = ?3) ORDER BY day, location_id`,
    ).bind(from, to, loc),
  ]);
  type O = { day: string; shipped: number; wrong_scans: number; returned_wrong: number; accurate: number };
  type I = { day: string; location_id: string; counts: number; counted_units: number; variance_units: number };
  return c.json(
    {
      order_accuracy: (orders.results as unknown as O[]).map((r) => ({ ...r, rate: r.shipped ? r.accurate / r.shipped : 0 })),
      inventory_accuracy: (counts.results as unknown as I[]).map((r) => ({
        ...r,
        rate: r.counted_units ? Math.max(0, 1 - r.variance_units / r.counted_units) : r.variance_units ? 0 : 1,
      })),
    },
    200,
  );
});
