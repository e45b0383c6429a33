// What the storefront paths read on every request (prices, locations, stock figures), kept in the isolate for a
// moment. Locally every D1 round trip costs milliseconds and D1 serves one query at a time; product pages and carts
// must not queue behind it. None of this decides anything: the InventoryCells decide stock, and a stale figure only
// costs a re-plan. Staleness is bounded by the TTLs below, and writes seen by this isolate refresh at once.
import { type Sql, sql } from "../db/sql";
import { batchTogether } from "../db/together";
import { BoundedMap } from "../domain/lru";
import type { Snapshot } from "../inventory/types";
import { baseSku } from "../inventory/cells";
import { foldStripes, type StripeFigure } from "../striping/fold";

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
  /** A row of one stripe of a striped SKU (src/striping/): its number, and 1 if it takes reservations. */
  stripe?: number;
  active?: number;
  /** On the SKU's own row as readFacts answers it: what each of its stripes has (available is their sum). */
  stripes?: StripeFigure[];
}

// A price or an activation change reaches every isolate within CATALOG_MS; stock figures within LEVELS_MS.
const CATALOG_MS = 10_000;
const LEVELS_MS = 1_000;

interface Entry<T> {
  at: number;
  value: T;
  /** A request is reading this again since then; others keep serving the old value meanwhile. */
  refreshing?: number;
}

// A refresh that takes longer than this is presumed lost with its request; the next reader tries again.
const REFRESH_MS = 2_000;
// SKUs come from shoppers' carts, so the maps are capped (least recently used goes first): a flood of made-up SKUs
// costs bounded memory. SKUs that name no variant have their own smaller map, so they cannot push real ones out.
export const KNOWN_SKUS_CAP = 10_000;
export const UNKNOWN_SKUS_CAP = 1_000;
const knownVariants = new BoundedMap<string, Entry<VariantFacts | null>>(KNOWN_SKUS_CAP);
const unknownVariants = new BoundedMap<string, Entry<VariantFacts | null>>(UNKNOWN_SKUS_CAP);
const variants = {
  get: (sku: string) => knownVariants.get(sku) ?? unknownVariants.get(sku),
  set(sku: string, entry: Entry<VariantFacts | null>) {
    this.delete(sku);
    (entry.value ? knownVariants : unknownVariants).set(sku, entry);
  },
  delete(sku: string) {
    knownVariants.delete(sku);
    unknownVariants.delete(sku);
  },
  clear() {
    knownVariants.clear();
    unknownVariants.clear();
  },
};
// Stock figures live a second: the cap only matters under a flood, and an evicted SKU costs one read.
const levels = new BoundedMap<string, Entry<LevelFacts[]>>(KNOWN_SKUS_CAP + UNKNOWN_SKUS_CAP);
let locations: Entry<LocationFacts[]> | null = null;

/** Entries the SKU caches hold now (for tests and the curious). */
export const readModelCacheSize = () => ({ variants: knownVariants.size, unknownSkus: unknownVariants.size, levels: levels.size });

/**
 * Whether this request must read the entry from D1. Only one request refreshes a stale entry (the others serve the
 * stale value for the moment that takes), so a busy product page never sends a stampede of reads to D1.
 */
function mustLoad<T>(e: Entry<T> | null | undefined, ttl: number, now: number): boolean {
  if (!e) return true;
  if (now - e.at < ttl) return false;
  if (e.refreshing && now - e.refreshing < REFRESH_MS) return false;
  e.refreshing = now;
  return true;
}

/** Variants, active locations and stock figures for these SKUs: one D1 batch for whatever is not fresh in memory. */
export async function readFacts(db: D1Database, skus: string[]) {
  const now = Date.now();
  const needVariants = skus.filter((s) => mustLoad(variants.get(s), CATALOG_MS, now));
  const needLevels = skus.filter((s) => mustLoad(levels.get(s), LEVELS_MS, now));
  const needLocations = mustLoad(locations, CATALOG_MS, now);
  const marks = (list: string[]) => list.map(() => "?").join(", ");
  const statements: Sql[] = [];
  if (needVariants.length)
    statements.push(
      sql(
        `SELECT v.id, v.sku, v.title, v.price_amount, v.currency, (v.active AND p.active) AS sellable
         FROM variants v JOIN products p ON p.id = v.product_id WHERE v.sku IN (${marks(needVariants)})`,
        ...needVariants,
      ),
    );
  if (needLevels.length)
    statements.push(
      sql(`SELECT sku, location_id, available, allow_backorder, backorder_limit, version FROM inventory_levels WHERE sku IN (${marks(needLevels)})`, ...needLevels),
      // The stripes of striped SKUs, kept beside their SKU's rows and added into them on the way out.
      sql(
        `SELECT s.sku AS base_sku, s.stripe, s.active, l.sku, l.location_id, l.available, l.allow_backorder, l.backorder_limit, l.version
         FROM stripe_cells s JOIN inventory_levels l ON l.sku = s.cell_sku AND l.location_id = s.location_id WHERE s.sku IN (${marks(needLevels)})`,
        ...needLevels,
      ),
    );
  if (needLocations)
    statements.push(sql("SELECT id, can_ship, can_pickup, priority, latitude, longitude FROM locations WHERE active = 1 ORDER BY priority, id"));
  const loaded = { variants: new Map<string, VariantFacts | null>(), levels: new Map<string, LevelFacts[]>() };
  if (statements.length) {
    const results = await batchTogether(db, statements);
    let i = 0;
    if (needVariants.length) {
      const rows = results[i++].results as VariantFacts[];
      for (const sku of needVariants) {
        const entry = { at: now, value: rows.find((r) => r.sku === sku) ?? null };
        variants.set(sku, entry);
        loaded.variants.set(sku, entry.value);
      }
    }
    if (needLevels.length) {
      const rows = results[i++].results as LevelFacts[];
      const stripes = results[i++].results as (LevelFacts & { base_sku: string })[];
      for (const sku of needLevels) {
        const entry = { at: now, value: [...rows.filter((r) => r.sku === sku), ...stripes.filter((r) => r.base_sku === sku).map(({ base_sku, ...r }) => r)] };
        levels.set(sku, entry);
        loaded.levels.set(sku, entry.value);
      }
    }
    if (needLocations) locations = { at: now, value: results[i++].results as LocationFacts[] };
  }
  // What this call read wins over the maps: a capped map may already have let it go again.
  const variantOf = (s: string) => (loaded.variants.has(s) ? loaded.variants.get(s) : variants.get(s)?.value);
  return {
    variants: new Map(skus.flatMap((s) => (variantOf(s) ? [[s, variantOf(s)!] as const] : []))),
    locations: locations!.value,
    levels: skus.flatMap((s) => foldStripes(loaded.levels.get(s) ?? levels.get(s)?.value ?? [])),
  };
}

/** Figures straight from the cells are the freshest there are: take them in (never moving a figure backwards). */
export function noteSnapshots(snapshots: Snapshot[]) {
  for (const s of snapshots) {
    const entry = levels.get(baseSku(s.sku));
    if (!entry || !s.sku) continue;
    const at = entry.value.findIndex((r) => r.location_id === s.locationId && r.sku === s.sku);
    const row: LevelFacts = {
      sku: s.sku,
      location_id: s.locationId,
      available: s.available,
      allow_backorder: s.allowBackorder ? 1 : 0,
      backorder_limit: s.backorderLimit,
      version: s.version,
    };
    // A stripe not read from D1 yet is left to the next read, which knows whether it takes reservations.
    if (at === -1) {
      if (s.sku === baseSku(s.sku)) entry.value.push(row);
    } else if (entry.value[at].version < s.version) entry.value[at] = { ...entry.value[at], ...row };
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
