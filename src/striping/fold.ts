// A striped SKU reads as one SKU: its stripes' figures are added into the row of its own cell (stripe 0), which
// also lists what each stripe has, so checkout can pick a stripe that covers a line without asking the cells.
import { baseSku } from "../inventory/cells";

export interface StripeFigure {
  stripe: number;
  available: number;
  /** Takes reservations (a folded stripe only gives its units back). */
  active: boolean;
}

/** A level row as read from D1 or a cell: a stripe's row names its stripe (and whether it is active). */
export interface LevelLike {
  sku: string;
  location_id: string;
  available: number;
  stripe?: number;
  active?: number;
  stripes?: StripeFigure[];
}

/**
 * One row per SKU and location: stripe rows are added into the row of their SKU's own cell. Rows of SKUs with no
 * stripes come back as they were. A stripe whose own cell has no row yet is dropped (its units came from there, so
 * the row exists as soon as any did).
 */
export function foldStripes<T extends LevelLike>(rows: T[]): T[] {
  if (!rows.some((r) => r.stripe)) return rows;
  const main = new Map<string, T>();
  for (const r of rows) if (!r.stripe) main.set(`${r.sku}\n${r.location_id}`, { ...r, stripes: [{ stripe: 0, available: r.available, active: true }] });
  for (const r of rows) {
    if (!r.stripe) continue;
    const into = main.get(`${baseSku(r.sku)}\n${r.location_id}`);
    if (!into) continue;
    into.available += r.available;
    into.stripes!.push({ stripe: r.stripe, available: r.available, active: r.active === 1 });
  }
  return [...main.values()];
}

/** The sum of the figures a SKU's cells report (stripe 0 first): what the SKU has at the location. */
export function addFigures<T extends { onHand: number; held: number; committed: number; damaged: number; available: number }>(cells: T[]): T {
  const [first, ...rest] = cells;
  const sum = { ...first };
  for (const c of rest) {
    sum.onHand += c.onHand;
    sum.held += c.held;
    sum.committed += c.committed;
    sum.damaged += c.damaged;
    sum.available += c.available;
  }
  return sum;
}
