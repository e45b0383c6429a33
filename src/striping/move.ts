// Units between the stripes of a SKU at a location, through the one recovery path (src/stock-changes/): the move is
// recorded as written before any cell is touched, then each unit leaves one cell (keyed) before it enters the other
// (keyed). If the request dies midway, the sweep finishes the change: the units are never lost and never doubled.
import { newId } from "../domain/ids";
import type { Env } from "../env";
import { prepareAll } from "../db/sql";
import { stripeSku } from "../inventory/cells";
import { StockChange } from "../stock-changes/change";
import type { MoveAfterward } from "../stock-changes/record";

export interface StripeMove {
  from: number;
  to: number;
  qty: number;
}

/** Runs the moves as one stock change; answers which were refused (the units were promised meanwhile). */
export async function moveBetweenStripes(env: Env, sku: string, locationId: string, moves: StripeMove[], reason: string): Promise<StripeMove[]> {
  const todo = moves.filter((m) => m.qty > 0 && m.from !== m.to);
  if (!todo.length) return [];
  const id = newId("chg");
  const afterwards: MoveAfterward[] = todo.map((m, i) => ({
    op: "move_units",
    key: `${id}:${i}`,
    qty: m.qty,
    sku: stripeSku(sku, m.from),
    locationId,
    to: stripeSku(sku, m.to),
    reason: `${reason}: stripe ${m.from} to ${m.to}`,
  }));
  const change = StockChange.without(env, { id, orderId: null, kind: "stripe_move", afterwards });
  await change.write([], (statements) => env.DB.batch(prepareAll(env.DB, statements)));
  await change.finish();
  const row = await env.DB.prepare("SELECT note FROM stock_changes WHERE id = ?").bind(id).first<{ note: string | null }>();
  const refused = new Set((row?.note ? (JSON.parse(row.note) as { key: string }[]) : []).map((r) => r.key));
  return todo.filter((_, i) => refused.has(afterwards[i].key));
}

/**
 * The moves that give every active stripe an even share of what all of them can still promise, and empty the
 * folded ones. Units promised to holds never move: only what a stripe has available.
 */
export function evenOut(stripes: { stripe: number; active: boolean; available: number }[]): StripeMove[] {
  const active = stripes.filter((s) => s.active);
  const total = stripes.reduce((t, s) => t + Math.max(0, s.available), 0);
  const share = Math.floor(total / active.length);
  let extra = total - share * active.length;
  const target = new Map(stripes.map((s) => [s.stripe, s.active ? share + (extra-- > 0 ? 1 : 0) : 0]));
  const over = stripes.map((s) => ({ stripe: s.stripe, qty: Math.max(0, s.available) - target.get(s.stripe)! })).filter((s) => s.qty > 0);
  const under = stripes.map((s) => ({ stripe: s.stripe, qty: target.get(s.stripe)! - Math.max(0, s.available) })).filter((s) => s.qty > 0);
  const moves: StripeMove[] = [];
  for (const u of under)
    for (const o of over) {
      const qty = Math.min(u.qty, o.qty);
      if (qty <= 0) continue;
      moves.push({ from: o.stripe, to: u.stripe, qty });
      u.qty -= qty;
      o.qty -= qty;
    }
  return moves;
}
