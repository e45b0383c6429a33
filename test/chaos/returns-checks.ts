// The reverse flow's own invariants after a chaos run: no line returned beyond what shipped, no unit received twice,
// every restocked unit one `customer_return` entry on a cell, every damaged unit shown apart by its cell.
import { cellOf } from "../../src/inventory/cells";
import type { LedgerEntry } from "../../src/inventory/types";
import { env, type Run } from "./world";

export async function checkReturns(run: Run, ledgers: Map<string, LedgerEntry[]>): Promise<string[]> {
  const found: string[] = [];
  const orderIds = JSON.stringify(run.orders.map((o) => o.id));
  const { results: lines } = await env.DB.prepare(
    `SELECT l.id, l.order_id, l.sku,
       (SELECT COALESCE(SUM(fl.quantity), 0) FROM fulfillment_lines fl JOIN fulfillments f ON f.id = fl.fulfillment_id
         WHERE fl.order_line_id = l.id AND f.status IN ('shipped', 'delivered')) AS shipped,
       (SELECT COALESCE(SUM(CASE r.status WHEN 'closed' THEN rl.quantity - rl.missing ELSE rl.quantity END), 0)
         FROM return_lines rl JOIN returns r ON r.id = rl.return_id WHERE rl.order_line_id = l.id AND r.status IN ('requested', 'open', 'closed')) AS claimed
     FROM order_lines l WHERE l.order_id IN (SELECT value FROM json_each(?))`,
  )
    .bind(orderIds)
    .all<{ id: string; order_id: string; sku: string; shipped: number; claimed: number }>();
  for (const l of lines) if (l.claimed > l.shipped) found.push(`order ${l.order_id} line ${l.id}: returns claim ${l.claimed} units, ${l.shipped} shipped`);

  const { results: returned } = await env.DB.prepare(
    `SELECT rl.sku, SUM(rl.restocked) AS restocked, SUM(rl.damaged) AS damaged FROM return_lines rl
     WHERE rl.order_id IN (SELECT value FROM json_each(?)) GROUP BY rl.sku`,
  )
    .bind(orderIds)
    .all<{ sku: string; restocked: number; damaged: number }>();
  for (const sku of run.skus) {
    const d1 = returned.find((r) => r.sku === sku) ?? { restocked: 0, damaged: 0 };
    const cells = run.cells.filter((c) => c.sku === sku);
    const entries = cells.flatMap((c) => ledgers.get(`${c.locationId}/${c.sku}`) ?? []);
    const restockedOnCells = entries.filter((e) => e.reason?.startsWith("customer_return") && e.onHandDelta > 0).reduce((t, e) => t + e.onHandDelta, 0);
    if (restockedOnCells !== d1.restocked) found.push(`${sku}: returns restocked ${d1.restocked} units, the cells' ledgers say ${restockedOnCells} (customer_return)`);
    const snapshots = await Promise.all(cells.map((c) => cellOf(env, c.sku, c.locationId).snapshot()));
    const damagedOnCells = snapshots.reduce((t, s) => t + ((s as { damaged?: number }).damaged ?? 0), 0);
    if (snapshots.some((s) => "damaged" in s) && damagedOnCells !== d1.damaged) found.push(`${sku}: returns received ${d1.damaged} damaged units, the cells show ${damagedOnCells}`);
  }
  return found;
}
