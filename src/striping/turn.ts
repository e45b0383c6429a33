// Turning striping on, changing the number of stripes, and folding them back. The set of cells is the record of a
// striped SKU: its own cell (stripe 0) keeps taking receipts, counts, settings and every reservation that does not
// come from checkout, each stripe k ≥ 1 is an ordinary InventoryCell of its own, and what the SKU has at the location
// is the sum of all of them (fold.ts). So no figure has two owners and no cell needs to know it is a stripe.
import type { Env } from "../env";
import { stripeCellOf } from "../inventory/cells";
import type { Snapshot } from "../inventory/types";
import { writeProjection } from "../inventory/projection";
import { addFigures } from "./fold";
import { evenOut, moveBetweenStripes } from "./move";
import { setActive, type StripeRow, stripesOf } from "./store";

export interface StripingView {
  sku: string;
  locationId: string;
  /** Stripes that take reservations (1: not striped). */
  stripes: number;
  total: Snapshot;
  cells: (Snapshot & { stripe: number; active: boolean })[];
}

/** n stripes (1 folds them all back into the SKU's own cell); the units available are spread evenly. */
export async function setStripes(env: Env, sku: string, locationId: string, n: number): Promise<StripingView> {
  await setActive(env.DB, sku, locationId, n);
  const rows = await stripesOf(env.DB, sku, locationId);
  const before = await figuresOf(env, sku, locationId, rows);
  // A stripe may sell meanwhile: a move it refuses (its units were taken) leaves them where they are, sold.
  await moveBetweenStripes(env, sku, locationId, evenOut(before.cells), n > 1 ? "striping" : "striping off");
  const after = await figuresOf(env, sku, locationId, rows);
  await writeProjection(env.DB, after.cells);
  return after;
}

export async function stripingOf(env: Env, sku: string, locationId: string): Promise<StripingView> {
  return figuresOf(env, sku, locationId, await stripesOf(env.DB, sku, locationId));
}

async function figuresOf(env: Env, sku: string, locationId: string, rows: StripeRow[]): Promise<StripingView> {
  const snapshots = await Promise.all(rows.map((r) => stripeCellOf(env, sku, locationId, r.stripe).snapshot()));
  const cells = rows.map((r, i) => ({ ...snapshots[i], sku: r.cellSku, locationId, stripe: r.stripe, active: r.active }));
  return { sku, locationId, stripes: rows.filter((r) => r.active).length, total: { ...addFigures(cells), sku, locationId }, cells };
}
