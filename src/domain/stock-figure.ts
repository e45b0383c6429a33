// What a channel is told about a SKU, and under which of its listings. Pure: the stock-sync jobs feed it from D1.

export interface StockBuffer {
  /** Units held back from the channel. */
  units: number;
  /** Percent (0–100) of the stock held back from the channel. */
  percent: number;
}

/**
 * Units a channel may sell: the available-to-promise of every location that feeds it, minus its buffer, never below 0.
 * A location short of stock (negative available after a count) counts as 0, so it does not eat another's units. When
 * both a unit and a percent buffer are set, the larger holdback wins, and a percentage rounds in the merchant's favour
 * (90 % of 15 units shows 13), so a channel never sees more than the buffer allows.
 */
export function channelFigure(available: readonly number[], buffer: StockBuffer): number {
  const total = available.reduce((sum, a) => sum + Math.max(0, Math.trunc(a)), 0);
  const units = Math.max(0, Math.trunc(buffer.units));
  const percent = Math.min(100, Math.max(0, buffer.percent));
  const afterPercent = Math.floor((total * (100 - percent)) / 100);
  return Math.max(0, Math.min(total - units, afterPercent));
}

export interface SkuMapping {
  externalSku: string;
  sku: string;
  externalInventoryId: string | null;
}

/** One place a SKU of ours is sold at a channel: the channel's own SKU and, where it has one, its inventory item id. */
export interface Listing {
  externalSku: string;
  externalInventoryId: string | null;
}

export interface ChannelCatalog {
  kind: string;
  /** Whether the channel has any SKU mapping at all (not only for this SKU). */
  hasMappings: boolean;
}

/**
 * Where `sku` is listed at a channel. A channel with mappings sells exactly the mapped SKUs (one of ours may be
 * listed several times); a channel without mappings sells every SKU of the catalog under our own code. Shopify is the
 * exception: its stock is addressed by inventory item id, which only a mapping carries, so an unmapped Shopify channel
 * is told nothing.
 */
export function listingsOf(sku: string, channel: ChannelCatalog, mappingsOfSku: readonly SkuMapping[]): Listing[] {
  if (channel.hasMappings)
    return mappingsOfSku.filter((m) => m.sku === sku).map((m) => ({ externalSku: m.externalSku, externalInventoryId: m.externalInventoryId }));
  if (channel.kind === "shopify") return [];
  return [{ externalSku: sku, externalInventoryId: null }];
}
