// The planner's candidates: every location's figures for a SKU, from the read model or from the cells themselves.
import type { Candidate } from "../domain/allocation";
import { cellOf } from "../inventory/cells";
import type { Env } from "../env";
import type { Snapshot } from "../inventory/types";
import type { LevelFacts, LocationFacts } from "../read-model/cache";

// Backorder room with no limit: large, but far from overflowing when added up.
const UNLIMITED = 1_000_000_000;

/** Units a cell can still promise, backorder room included. */
const promisable = (available: number, allowBackorder: boolean, limit: number | null) =>
  available + (allowBackorder ? (limit ?? UNLIMITED) : 0);

export function candidatesFromReadModel(locations: LocationFacts[], levels: LevelFacts[]): Map<string, Candidate[]> {
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
export async function candidatesFromCells(env: Env, sku: string, locations: LocationFacts[]): Promise<Candidate[]> {
  const snapshots: Snapshot[] = await Promise.all(locations.map((l) => cellOf(env, sku, l.id).snapshot()));
  return locations.map((l, i) => candidate(l, promisable(snapshots[i].available, snapshots[i].allowBackorder, snapshots[i].backorderLimit)));
}

const candidate = (l: LocationFacts, available: number): Candidate => ({
  locationId: l.id,
  available,
  canShip: l.can_ship === 1,
  canPickup: l.can_pickup === 1,
  priority: l.priority,
  latitude: l.latitude,
  longitude: l.longitude,
});
