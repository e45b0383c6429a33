// What the planner needs to know about a checkout's SKUs: the catalog rows and every location's stock figures.
import type { Candidate } from "../domain/allocation";
import { cellOf } from "../inventory/cells";
import type { Env } from "../env";
import type { Snapshot } from "../inventory/types";

export interface VariantRow {
  id: string;
  sku: string;
  title: string;
  price_amount: number;
  currency: string;
  sellable: number;
}

export interface LocationRow {
  id: string;
  can_ship: number;
  can_pickup: number;
  priority: number;
  latitude: number | null;
  longitude: number | null;
}

interface LevelRow {
  sku: string;
  location_id: string;
  available: number;
  allow_backorder: number;
  backorder_limit: number | null;
}

/** One D1 round trip: variants, active locations, and the read model's figures for these SKUs. */
export async function loadCheckoutFacts(db: D1Database, skus: string[]) {
  const marks = skus.map(() => "?").join(", ");
  const [variants, locations, levels] = await db.batch([
    db
      .prepare(
        `SELECT v.id, v.sku, v.title, v.price_amount, v.currency, (v.active AND p.active) AS sellable
         FROM variants v JOIN products p ON p.id = v.product_id WHERE v.sku IN (${marks})`,
      )
      .bind(...skus),
    db.prepare("SELECT id, can_ship, can_pickup, priority, latitude, longitude FROM locations WHERE active = 1"),
    db
      .prepare(`SELECT sku, location_id, available, allow_backorder, backorder_limit FROM inventory_levels WHERE sku IN (${marks})`)
      .bind(...skus),
  ]);
  return {
    variants: new Map((variants.results as VariantRow[]).map((v) => [v.sku, v])),
    locations: locations.results as LocationRow[],
    levels: levels.results as LevelRow[],
  };
}

// Backorder room with no limit: large, but far from overflowing when added up.
const UNLIMITED = 1_000_000_000;

/** Units a cell can still promise, backorder room included. */
const promisable = (available: number, allowBackorder: boolean, limit: number | null) =>
  available + (allowBackorder ? (limit ?? UNLIMITED) : 0);

export function candidatesFromReadModel(locations: LocationRow[], levels: LevelRow[]): Map<string, Candidate[]> {
  const byId = new Map(locations.map((l) => [l.id, l]));
  const stock = new Map<string, Candidate[]>();
  for (const lv of levels) {
    const loc = byId.get(lv.location_id);
    if (!loc) continue;
    const list = stock.get(lv.sku) ?? [];
    list.push(candidate(loc, promisable(lv.available, lv.allow_backorder === 1, lv.backorder_limit)));
    stock.set(lv.sku, list);
  }
  return stock;
}

/** Fresh figures straight from the cells of every active location, for re-planning a line the read model misjudged. */
export async function candidatesFromCells(env: Env, sku: string, locations: LocationRow[]): Promise<Candidate[]> {
  const snapshots: Snapshot[] = await Promise.all(locations.map((l) => cellOf(env, sku, l.id).snapshot()));
  return locations.map((l, i) => candidate(l, promisable(snapshots[i].available, snapshots[i].allowBackorder, snapshots[i].backorderLimit)));
}

const candidate = (l: LocationRow, available: number): Candidate => ({
  locationId: l.id,
  available,
  canShip: l.can_ship === 1,
  canPickup: l.can_pickup === 1,
  priority: l.priority,
  latitude: l.latitude,
  longitude: l.longitude,
});
