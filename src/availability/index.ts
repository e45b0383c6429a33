import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { createRouter } from "../http/router";
import { getAvailability } from "./routes";

interface Row {
  sku: string;
  sellable: number;
  location_id: string | null;
  available: number | null;
  allow_backorder: number | null;
  can_ship: number | null;
  can_pickup: number | null;
}

// One query per request: the storefront calls this on every product page.
const availability: RouteHandler<typeof getAvailability, AppEnv> = async (c) => {
  const skus = [...new Set(c.req.valid("query").sku)];
  const { results } = await c.env.DB.prepare(
    `SELECT v.sku, (v.active AND p.active) AS sellable, il.location_id, il.available, il.allow_backorder, l.can_ship, l.can_pickup
     FROM variants v JOIN products p ON p.id = v.product_id
     LEFT JOIN inventory_levels il ON il.sku = v.sku AND il.location_id IN (SELECT id FROM locations WHERE active = 1)
     LEFT JOIN locations l ON l.id = il.location_id
     WHERE v.sku IN (${skus.map(() => "?").join(", ")})
     ORDER BY v.sku, l.priority, il.location_id`,
  )
    .bind(...skus)
    .all<Row>();
  const data = skus.map((sku) => {
    const rows = results.filter((r) => r.sku === sku);
    const sellable = rows.length > 0 && rows[0].sellable === 1;
    // Nothing of an unsellable SKU may be promised, so no location is offered for it either.
    const locations = rows
      .filter((r) => sellable && r.location_id !== null)
      .map((r) => ({ location_id: r.location_id!, available: Math.max(0, r.available!), can_ship: r.can_ship === 1, can_pickup: r.can_pickup === 1 }));
    const sum = (list: typeof locations) => list.reduce((t, l) => t + l.available, 0);
    return {
      sku,
      sellable,
      available: sum(locations),
      ship_available: sum(locations.filter((l) => l.can_ship)),
      backorderable: sellable && rows.some((r) => r.allow_backorder === 1),
      locations,
    };
  });
  return c.json({ data }, 200);
};

export const availabilityRoutes = createRouter().openapi(getAvailability, availability);
