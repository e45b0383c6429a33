// Stock for units an existing order does not hold yet (an edit's added units, a held channel order being released):
// planned from the cells' own figures, not the read model, which may be a second behind; the holds to record in the
// change and the allocations they make.
import { type Destination, demandOf, planAllocation, type Shortage, splitAcrossLines } from "../domain/allocation";
import { candidatesFromCells } from "../checkout/stock";
import { newId } from "../domain/ids";
import type { Env } from "../env";
import type { Problem } from "../http/problem";
import type { AllocationRow, OrderRow } from "../orders/store";
import { readFacts } from "../read-model/cache";
import { holdIdOf, type Reserve } from "../stock-changes/record";

export interface Demand {
  /** The order line the units belong to. */
  id: string;
  sku: string;
  quantity: number;
}

export function destinationOf(row: OrderRow, address: { latitude?: number; longitude?: number } | null): Destination {
  return row.pickup_location_id
    ? { kind: "pickup", locationId: row.pickup_location_id }
    : { kind: "ship", latitude: address?.latitude, longitude: address?.longitude };
}

export async function planFromCells(
  env: Env,
  opts: { orderId: string; demand: Demand[]; dest: Destination; changeId: string; commit: boolean; ttlMs: number; short: (s: Shortage[]) => Problem },
): Promise<{ reserves: Reserve[]; allocations: AllocationRow[] }> {
  if (!opts.demand.length) return { reserves: [], allocations: [] };
  const { dest } = opts;
  const { locations } = await readFacts(env.DB, []);
  const where = dest.kind === "pickup" ? locations.filter((l) => l.id === dest.locationId) : locations;
  const demand = demandOf(opts.demand);
  const stock = new Map(await Promise.all(demand.map(async (d) => [d.sku, await candidatesFromCells(env, d.sku, where)] as const)));
  const plan = planAllocation(demand, stock, dest);
  if (!plan.ok) throw opts.short(plan.shortages);
  const reserves: Reserve[] = await Promise.all(
    plan.allocations.map(async (a) => ({ holdId: await holdIdOf(opts.changeId, a.sku, a.locationId), sku: a.sku, locationId: a.locationId, qty: a.qty, commit: opts.commit, ttlMs: opts.ttlMs })),
  );
  const now = Date.now();
  const holdAt = new Map(reserves.map((h) => [`${h.sku}\n${h.locationId}`, h.holdId]));
  const allocations: AllocationRow[] = splitAcrossLines(opts.demand, plan.allocations).map((a) => ({
    id: newId("alloc", now),
    order_id: opts.orderId,
    line_id: opts.demand[a.lineIndex].id,
    sku: opts.demand[a.lineIndex].sku,
    location_id: a.locationId,
    quantity: a.qty,
    hold_id: holdAt.get(`${opts.demand[a.lineIndex].sku}\n${a.locationId}`)!,
  }));
  return { reserves, allocations };
}
