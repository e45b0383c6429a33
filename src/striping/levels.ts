// The inventory level routes see a striped SKU as one SKU: its stripes' rows are not listed on their own, and the
// SKU's own row carries the sum of all its cells.
import type { Env } from "../env";
import { conflict } from "../http/problem";
import { cellOf } from "../inventory/cells";
import type { Snapshot } from "../inventory/types";
import { addFigures } from "./fold";
import { stripesOf } from "./store";

/** Leaves the stripes' own rows out of a listing of inventory_levels (a condition for its WHERE). */
export const NOT_A_STRIPE = "sku NOT IN (SELECT cell_sku FROM stripe_cells)";

type Figures = { sku: string; location_id: string; on_hand: number; held: number; committed: number; damaged: number; available: number };

/** Adds the stripes' figures (from the read model) into the rows of their SKUs. */
export async function withStripes<T extends Figures>(db: D1Database, rows: T[]): Promise<T[]> {
  const skus = [...new Set(rows.map((r) => r.sku))];
  if (!skus.length) return rows;
  const { results } = await db
    .prepare(
      `SELECT s.sku AS base_sku, l.location_id, l.on_hand, l.held, l.committed, l.damaged, l.available
       FROM stripe_cells s JOIN inventory_levels l ON l.sku = s.cell_sku AND l.location_id = s.location_id WHERE s.sku IN (${skus.map(() => "?").join(", ")})`,
    )
    .bind(...skus)
    .all<Omit<Figures, "sku"> & { base_sku: string }>();
  if (!results.length) return rows;
  return rows.map((r) => {
    const own = results.filter((s) => s.base_sku === r.sku && s.location_id === r.location_id);
    return own.reduce(
      (t, s) => ({ ...t, on_hand: t.on_hand + s.on_hand, held: t.held + s.held, committed: t.committed + s.committed, damaged: t.damaged + s.damaged, available: t.available + s.available }),
      r,
    );
  });
}

/** The live figures of a SKU at a location: its own cell's, plus its stripes' when it has any. */
export async function liveFigures(env: Env, sku: string, locationId: string): Promise<Snapshot> {
  const stripes = await stripesOf(env.DB, sku, locationId);
  const cells = await Promise.all(stripes.map((s) => cellOf(env, s.cellSku, locationId).snapshot()));
  return { ...addFigures(cells), sku, locationId };
}

/**
 * A count says how many units the location has in all; the SKU's own cell has only its share of a striped SKU, so a
 * count there would be wrong by the stripes' units. Counting waits until the stripes are folded back.
 */
export async function refuseCountWhileStriped(db: D1Database, sku: string, locationId: string) {
  const striped = await db.prepare("SELECT 1 AS n FROM stripe_cells WHERE sku = ? AND location_id = ? AND active = 1 LIMIT 1").bind(sku, locationId).first();
  if (striped)
    throw conflict("stock_striped", "This SKU's stock at the location is striped across several cells: fold the stripes back (DELETE …/striping) before counting.");
}
