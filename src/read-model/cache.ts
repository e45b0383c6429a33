// What the storefront paths read on every request (prices, locations, stock figures), kept in the isolate for a
// moment. Locally every D1 round trip costs milliseconds and D1 serves one query at a time; product pages and carts
// must not queue behind it. None of this decides anything: the InventoryCells decide stock, and a stale figure only
// costs a re-plan. Staleness is bounded by the TTLs below, and writes seen by this isolate refresh at once.
import type { Snapshot } from "../inventory/types";

export interface VariantFacts {
  id: string;
  sku: string;
  title: string;
  price_amount: number;
  currency: string;
  sellable: number;
}

export interface LocationFacts {
  id: string;
  can_ship: number;
  can_pickup: number;
  priority: number;
  latitude: number;
  longitude: number;
}

export interface LevelFacts {
  sku: string;
  location_id: string;
  available: number;
  allow_backorder: number;
  backorder_limit: number | null;
  version: number;
}

// A price or an activation change reaches every isolate within CATALOG_MS; stock figures within LEVELS_MS.
const CATALOG_MS = 10_000;
const LEVELS_MS = 1_000;

interface Entry<T> {
  at: number;
  value: T;
}
const variants = new Map<string, Entry<VariantFacts | null>>();
const levels = new Map<string, Entry<LevelFacts[]>>();
let locations: Entry<LocationFacts[]> | null = null;

const fresh = <T>(e: Entry<T> | null | undefined, ttl: number, now: number): e is Entry<T> => !!e && now - e.at < ttl;

/** Variants, active locations and stock figures for these SKUs: one D1 batch for whatever is not fresh in memory. */
export async function readFacts(db: D1Database, skus: string[]) {
  const now = Date.now();
  const needVariants = skus.filter((s) => !fresh(variants.get(s), CATALOG_MS, now));
  const needLevels = skus.filter((s) => !fresh(levels.get(s), LEVELS_MS, now));
  const needLocations = !fresh(locations, CATALOG_MS, now);
  const marks = (list: string[]) => list.map(() => "?").join(", ");
  const statements: D1PreparedStatement[] = [];
  if (needVariants.length)
    statements.push(
      db
        .prepare(
          `SELECT v.id, v.sku, v.title, v.price_amount, v.currency, (v.active AND p.active) AS sellable
           FROM variants v JOIN products p ON p.id = v.product_id WHERE v.sku IN (${marks(needVariants)})`,
        )
        .bind(...needVariants),
    );
  if (needLevels.length)
    statements.push(
      db
        .prepare(`SELECT sku, location_id, available, allow_backorder, backorder_limit, version FROM inventory_levels WHERE sku IN (${marks(needLevels)})`)
        .bind(...needLevels),
    );
  if (needLocations)
    statements.push(db.prepare("SELECT id, can_ship, can_pickup, priority, latitude, longitude FROM locations WHERE active = 1 ORDER BY priority, id"));
  if (statements.length) {
    const results = await db.batch(statements);
    let i = 0;
    if (needVariants.length) {
      const rows = results[i++].results as VariantFacts[];
      for (const sku of needVariants) variants.set(sku, { at: now, value: rows.find((r) => r.sku === sku) ?? null });
    }
    if (needLevels.length) {
      const rows = results[i++].results as LevelFacts[];
      for (const sku of needLevels) levels.set(sku, { at: now, value: rows.filter((r) => r.sku === sku) });
    }
    if (needLocations) locations = { at: now, value: results[i++].results as LocationFacts[] };
  }
  return {
    variants: new Map(skus.flatMap((s) => (variants.get(s)?.value ? [[s, variants.get(s)!.value!] as const] : []))),
    locations: locations!.value,
    levels: skus.flatMap((s) => levels.get(s)?.value ?? []),
  };
}

/** Figures straight from the cells are the freshest there are: take them in (never moving a figure backwards). */
export function noteSnapshots(snapshots: Snapshot[]) {
  for (const s of snapshots) {
    const entry = levels.get(s.sku);
    if (!entry || !s.sku) continue;
    const row: LevelFacts = {
      sku: s.sku,
      location_id: s.locationId,
      available: s.available,
      allow_backorder: s.allowBackorder ? 1 : 0,
      backorder_limit: s.backorderLimit,
      version: s.version,
    };
    const at = entry.value.findIndex((r) => r.location_id === s.locationId);
    if (at === -1) entry.value.push(row);
    else if (entry.value[at].version < s.version) entry.value[at] = row;
  }
}

/** The catalog or the locations changed in this isolate: read them again next time. */
export function forgetCatalog(skus?: string[]) {
  if (skus) for (const s of skus) variants.delete(s);
  else variants.clear();
}

export function forgetLocations() {
  locations = null;
}
