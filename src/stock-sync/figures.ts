// What the cells say about some SKUs and which channel listings want to hear it, read in one D1 batch (one consistent
// snapshot), and the figure each listing is to be told.
import { prepareAll, type Sql, sql } from "../db/sql";
import { channelFigure, listingsOf, type SkuMapping } from "../domain/stock-figure";

/** D1 allows 100 bound parameters per statement. */
const CHUNK = 90;

interface SkuStock {
  sellable: boolean;
  /** Sum of the SKU's cell versions: grows with every change of any of its cells. */
  basis: number;
  /** Available-to-promise at each location that feeds channels. */
  available: number[];
}

interface SyncChannel {
  id: string;
  kind: string;
  bufferUnits: number;
  bufferPercent: number;
  hasMappings: boolean;
}

/** One figure for one listing, and the basis it was computed from. */
export interface Figure {
  channelId: string;
  externalSku: string;
  sku: string;
  available: number;
  basis: number;
}

const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");

/**
 * Figures of `skus` for every active channel with an inventory URL (or only `channelId`). Locations that feed channels:
 * the active ones that ship; a pickup-only store's units are not for a channel to sell. A SKU that is not sellable
 * (variant or product inactive) is told as 0; a SKU the catalog does not know is only told to channels that map it.
 */
export async function figuresOf(db: D1Database, skus: readonly string[], channelId?: string): Promise<Figure[]> {
  const chunks: string[][] = [];
  for (let i = 0; i < skus.length; i += CHUNK) chunks.push(skus.slice(i, i + CHUNK));
  const only = channelId ? " AND c.id = ?" : "";
  const statements: Sql[] = [
    sql(
      `SELECT c.id, c.kind, c.stock_buffer_units, c.stock_buffer_percent,
         EXISTS (SELECT 1 FROM channel_skus m WHERE m.channel_id = c.id) AS has_mappings
       FROM channels c WHERE c.active = 1 AND c.inventory_url IS NOT NULL${only}`,
      ...(channelId ? [channelId] : []),
    ),
  ];
  for (const chunk of chunks) {
    const ins = placeholders(chunk.length);
    statements.push(
      sql(
        `SELECT l.sku, l.available, l.version, COALESCE(loc.active = 1 AND loc.can_ship = 1, 0) AS feeds
         FROM inventory_levels l LEFT JOIN locations loc ON loc.id = l.location_id WHERE l.sku IN (${ins})`,
        ...chunk,
      ),
      sql(`SELECT v.sku, (v.active AND p.active) AS sellable FROM variants v JOIN products p ON p.id = v.product_id WHERE v.sku IN (${ins})`, ...chunk),
      sql(
        `SELECT channel_id, external_sku, sku, external_inventory_id FROM channel_skus WHERE sku IN (${ins})${channelId ? " AND channel_id = ?" : ""}`,
        ...chunk,
        ...(channelId ? [channelId] : []),
      ),
    );
  }
  const results = await db.batch(prepareAll(db, statements));
  const channels = (results[0].results as ChannelRow[]).map(toChannel);
  if (!channels.length) return [];

  const stock = new Map<string, SkuStock>();
  const known = new Set<string>();
  const mappings = new Map<string, (SkuMapping & { channelId: string })[]>();
  for (let i = 1; i < results.length; i += 3) {
    for (const l of results[i].results as LevelRow[]) {
      const s = stock.get(l.sku) ?? { sellable: false, basis: 0, available: [] };
      s.basis += l.version;
      if (l.feeds) s.available.push(l.available);
      stock.set(l.sku, s);
    }
    for (const v of results[i + 1].results as { sku: string; sellable: number }[]) {
      known.add(v.sku);
      if (v.sellable) stock.set(v.sku, { ...(stock.get(v.sku) ?? { basis: 0, available: [] }), sellable: true });
    }
    for (const m of results[i + 2].results as MappingRow[]) {
      const list = mappings.get(m.channel_id) ?? [];
      list.push({ channelId: m.channel_id, externalSku: m.external_sku, sku: m.sku, externalInventoryId: m.external_inventory_id });
      mappings.set(m.channel_id, list);
    }
  }

  const figures: Figure[] = [];
  for (const sku of new Set(skus)) {
    const s = stock.get(sku) ?? { sellable: false, basis: 0, available: [] };
    for (const c of channels) {
      // Unmapped channels sell the catalog under our codes: a code the catalog never had is nothing they list.
      if (!c.hasMappings && !known.has(sku)) continue;
      const available = s.sellable ? channelFigure(s.available, { units: c.bufferUnits, percent: c.bufferPercent }) : 0;
      for (const listing of listingsOf(sku, c, mappings.get(c.id) ?? []))
        figures.push({ channelId: c.id, externalSku: listing.externalSku, sku, available, basis: s.basis });
    }
  }
  return figures;
}

interface ChannelRow {
  id: string;
  kind: string;
  stock_buffer_units: number;
  stock_buffer_percent: number;
  has_mappings: number;
}

interface LevelRow {
  sku: string;
  available: number;
  version: number;
  feeds: number;
}

interface MappingRow {
  channel_id: string;
  external_sku: string;
  sku: string;
  external_inventory_id: string | null;
}

const toChannel = (r: ChannelRow): SyncChannel => ({
  id: r.id,
  kind: r.kind,
  bufferUnits: r.stock_buffer_units,
  bufferPercent: r.stock_buffer_percent,
  hasMappings: r.has_mappings === 1,
});
