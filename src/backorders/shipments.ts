// Which fulfillments an order's allocations make: one per location (the schema keeps order × location unique, and
// one parcel per location is what the merchant pays for). A location where some of the order's units still wait for
// stock ships nothing yet: its parcel goes out whole once they are allocated. Other locations ship at once.
import { fulfillmentIdOf } from "../fulfillment/create";
import type { AllocationRow, LoadedOrder } from "../orders/store";

export interface Shipment {
  locationId: string;
  allocations: AllocationRow[];
}

export async function shipmentsOf(db: D1Database, order: LoadedOrder): Promise<Map<string, Shipment>> {
  // Only orders sold beyond stock have backorder rows: the others cost no read.
  const waiting = new Set<string>();
  if (order.lines.some((l) => l.supply !== "stock")) {
    const { results } = await db.prepare("SELECT hold_id FROM backorders WHERE order_id = ? AND state = 'waiting'").bind(order.row.id).all<{ hold_id: string }>();
    for (const r of results) waiting.add(r.hold_id);
  }
  const held = new Set(order.allocations.filter((a) => waiting.has(a.hold_id)).map((a) => a.location_id));
  const shipments = new Map<string, Shipment>();
  for (const a of order.allocations) {
    if (held.has(a.location_id)) continue;
    const id = fulfillmentIdOf(order.row.id, a.location_id);
    const s = shipments.get(id) ?? { locationId: a.location_id, allocations: [] };
    s.allocations.push(a);
    shipments.set(id, s);
  }
  return shipments;
}
