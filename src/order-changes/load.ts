// An order as a change sees it: the order, where each allocation's units stand (which fulfillment, in which state),
// and the facts the pure planners in src/domain/order-edit.ts take.
import type { AllocationFact, LineFact, Stage } from "../domain/order-edit";
import type { Env } from "../env";
import type { FulfillmentRow } from "../fulfillment/store";
import { orderChanged } from "../orders/write";
import { orderOr404 } from "../orders/payments";
import type { LoadedOrder } from "../orders/store";

export interface OrderForChange {
  order: LoadedOrder;
  fulfillments: Pick<FulfillmentRow, "id" | "location_id" | "status" | "version">[];
  allocs: AllocationFact[];
  /** Allocation id → the fulfillment its units are in. */
  fulfillmentOf: Map<string, string>;
  lines: LineFact[];
}

/** The fulfillment line the fulfillment job makes for an allocation (src/fulfillment/create.ts names it so). */
export const fulfillmentLineIdOf = (allocationId: string) => `fl_${allocationId.replace(/^alloc_/, "")}`;

export async function loadForChange(env: Env, id: string): Promise<OrderForChange> {
  const [order, placed] = await Promise.all([
    orderOr404(env.DB, id),
    env.DB.batch([
      env.DB.prepare("SELECT id, location_id, status, version FROM fulfillments WHERE order_id = ?").bind(id),
      env.DB.prepare("SELECT fl.id, fl.fulfillment_id FROM fulfillment_lines fl JOIN fulfillments f ON f.id = fl.fulfillment_id WHERE f.order_id = ?").bind(id),
    ]),
  ]);
  const fulfillments = placed[0].results as OrderForChange["fulfillments"];
  const statusOf = new Map(fulfillments.map((f) => [f.id, f.status]));
  const fulfillmentOfLine = new Map((placed[1].results as { id: string; fulfillment_id: string }[]).map((l) => [l.id, l.fulfillment_id]));
  const fulfillmentOf = new Map<string, string>();
  for (const a of order.allocations) {
    const f = fulfillmentOfLine.get(fulfillmentLineIdOf(a.id));
    if (f) fulfillmentOf.set(a.id, f);
  }
  const allocs: AllocationFact[] = order.allocations.map((a) => ({
    id: a.id,
    lineId: a.line_id,
    holdId: a.hold_id,
    sku: a.sku,
    locationId: a.location_id,
    quantity: a.quantity,
    stage: (fulfillmentOf.has(a.id) ? statusOf.get(fulfillmentOf.get(a.id)!) : "unassigned") as Stage,
  }));
  const lines: LineFact[] = order.lines.map((l) => ({
    id: l.id,
    sku: l.sku,
    quantity: l.quantity,
    cancelledQuantity: l.cancelled_quantity,
    unitPrice: l.unit_price,
  }));
  return { order, fulfillments, allocs, fulfillmentOf, lines };
}

/** A change asked against an older version of the order is refused, never applied over a newer one. */
export function checkVersion(order: LoadedOrder, expected: number | undefined) {
  if (expected !== undefined && expected !== order.row.version) throw orderChanged();
}
