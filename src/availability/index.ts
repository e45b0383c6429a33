import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { createRouter } from "../http/router";
import { readFacts } from "../read-model/cache";
import { deliverySettings } from "../delivery-promises/cache";
import { estimateFrom } from "../delivery-promises/estimate";
import { getAvailability } from "./routes";

// The storefront calls this on every product page: answered from the isolate's read cache, D1 only on a miss.
const availability: RouteHandler<typeof getAvailability, AppEnv> = async (c) => {
  const q = c.req.valid("query");
  const skus = [...new Set(q.sku)];
  // Delivery estimates come from the isolate's cache of the merchant's calendars and transit times (read beside the facts).
  const [facts, promises] = await Promise.all([readFacts(c.env.DB, skus), q.country ? deliverySettings(c.env.DB, Date.now(), (p) => c.executionCtx.waitUntil(p)) : null]);
  const now = Date.now();
  const dest = q.country ? { country: q.country, postalCode: q.postal_code } : null;
  const estimated = (locationId: string, canShip: boolean) =>
    (promises && dest && canShip && estimateFrom(promises, locationId, dest, q.speed, now)?.deliveryDate) || null;
  const data = skus.map((sku) => {
    const sellable = facts.variants.get(sku)?.sellable === 1;
    const levels = new Map(facts.levels.filter((l) => l.sku === sku).map((l) => [l.location_id, l]));
    // Nothing of an unsellable SKU may be promised, so no location is offered for it either. Locations come in
    // priority order, closed ones not at all.
    const stocked = sellable ? facts.locations.filter((loc) => levels.has(loc.id)) : [];
    const locations = stocked.map((loc) => ({
      location_id: loc.id,
      available: Math.max(0, levels.get(loc.id)!.available),
      can_ship: loc.can_ship === 1,
      can_pickup: loc.can_pickup === 1,
      ...(dest ? { estimated_delivery: estimated(loc.id, loc.can_ship === 1) } : {}),
    }));
    const sum = (list: typeof locations) => list.reduce((t, l) => t + l.available, 0);
    return {
      sku,
      sellable,
      available: sum(locations),
      ship_available: sum(locations.filter((l) => l.can_ship)),
      backorderable: stocked.some((loc) => levels.get(loc.id)!.allow_backorder === 1),
      locations,
    };
  });
  return c.json({ data }, 200);
};

export const availabilityRoutes = createRouter().openapi(getAvailability, availability);
