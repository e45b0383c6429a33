// Checkout on a striped SKU. Each hold goes to one stripe, picked from the read model among those that can cover its
// line (spread by the hold id, so concurrent shoppers land on different cells). A stripe that could not cover it
// after all is not the end: the others are asked, and if none covers the line alone, units move from the others into
// the richest (through the recovery path) until it does. Only when all stripes together lack the units is the
// shopper refused.
import type { Env } from "../env";
import { baseSku, onStripe, stripeCellOf } from "../inventory/cells";
import type { Reserved, StockChange } from "../stock-changes/change";
import { holdIdOf, type Reserve } from "../stock-changes/record";
import type { StripeFigure } from "./fold";
import { moveBetweenStripes, type StripeMove } from "./move";
import { stripesOf } from "./store";

// Each try reads the stripes afresh; under a storm another shopper may take what a try counted on.
const TRIES = 6;

/** The holds of a plan, each placed on a stripe of its SKU (unchanged for SKUs that are not striped). */
export function pickStripes(reserves: Reserve[], levels: { sku: string; location_id: string; stripes?: StripeFigure[] }[]): Reserve[] {
  return reserves.map((r) => {
    const stripes = levels.find((l) => l.sku === r.sku && l.location_id === r.locationId)?.stripes?.filter((s) => s.active);
    if (!stripes || stripes.length < 2) return r;
    const covering = stripes.filter((s) => s.available >= r.qty);
    const spread = Number.parseInt(r.holdId.slice(-8), 16) || 0;
    const pick = covering.length ? covering[spread % covering.length] : stripes.reduce((a, b) => (b.available > a.available ? b : a));
    return { ...r, holdId: onStripe(r.holdId, pick.stripe) };
  });
}

/**
 * Reservations a striped SKU's stripe refused for want of stock, tried again on the SKU's other stripes (recorded in
 * the change first, like every hold of it). Answers the list with each such refusal replaced by the hold that
 * succeeded; refusals that stand (not enough units on all stripes together) stay.
 */
export async function retryOnStripes(env: Env, change: StockChange, results: Reserved[]): Promise<Reserved[]> {
  const out = [...results];
  // One at a time: a change takes its more holds in order.
  for (const [i, r] of results.entries()) {
      if (r.result.ok || r.result.reason !== "insufficient_stock" || r.reserve.within) continue;
      const stripes = await stripesOf(env.DB, baseSku(r.reserve.sku), r.reserve.locationId);
      if (stripes.length < 2) continue;
      for (let attempt = 1; attempt <= TRIES; attempt++) {
        const snapshots = await Promise.all(stripes.map((s) => stripeCellOf(env, r.reserve.sku, r.reserve.locationId, s.stripe).snapshot()));
        const figures = stripes.map((s, j) => ({ ...s, available: snapshots[j].available }));
        if (figures.reduce((t, s) => t + Math.max(0, s.available), 0) < r.reserve.qty) break;
        const active = figures.filter((s) => s.active);
        const target = active.reduce((a, b) => (b.available > a.available ? b : a));
        if (target.available < r.reserve.qty) await moveBetweenStripes(env, r.reserve.sku, r.reserve.locationId, topUp(figures, target.stripe, r.reserve.qty - Math.max(0, target.available)), "rebalance");
        const holdId = onStripe(await holdIdOf(change.plan.id, r.reserve.sku, r.reserve.locationId, "stripe", i, attempt), target.stripe);
        const [again] = await change.reserveMore([{ ...r.reserve, holdId }]);
        if (again.result.ok) {
          out[i] = again;
          break;
        }
      }
  }
  return out;
}

/** Moves from the richest other stripes into `to` until it has `need` more units. */
function topUp(figures: { stripe: number; available: number }[], to: number, need: number): StripeMove[] {
  const moves: StripeMove[] = [];
  for (const s of figures.filter((f) => f.stripe !== to && f.available > 0).sort((a, b) => b.available - a.available)) {
    if (need <= 0) break;
    const qty = Math.min(need, s.available);
    moves.push({ from: s.stripe, to, qty });
    need -= qty;
  }
  return moves;
}
