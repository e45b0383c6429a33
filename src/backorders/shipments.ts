// Which fulfillments an order's allocations make: one live shipment per location (one parcel per location is what
// the merchant pays for; migrations/0019 keeps order × location unique among shipments not cancelled). A location
// where some of the order's units still wait for stock ships nothing yet: its parcel goes out whole once they are
// allocated. Other locations ship at once.
//
// Which allocations still need a shipment, decided from the fulfillment lines (fl_<allocation>, one per allocation):
//   - one with a line in a live shipment stays in it (the job re-running adds nothing);
//   - one with a line in a cancelled shipment is done with: the cancel gave its hold back to the cell, so shipping it
//     again would ship units nobody holds (rerouting them is a separate decision, see fulfillment/transitions.ts);
//   - one without a line whose hold a cancelled shipment gave back is done with too (lines of one SKU share a hold);
//   - any other joins the location's live shipment, or, when every shipment there was cancelled, starts the next one
//     (fulfillmentIdOf's `nth`, counted from the shipments the location already had, so concurrent runs agree).
import { fulfillmentIdOf } from "../fulfillment/create";
import { fulfillmentLineIdOf } from "../order-changes/load";
import type { AllocationRow, LoadedOrder } from "../orders/store";

export interface Shipment {
  locationId: string;
  allocations: AllocationRow[];
}

type Placed = { id: string; location_id: string; status: string; line_id: string | null; hold_id: string | null };

export async function shipmentsOf(db: D1Database, order: LoadedOrder): Promise<Map<string, Shipment>> {
  // Only orders sold beyond stock have backorder rows: the others cost no read of them.
  const backordered = order.lines.some((l) => l.supply !== "stock");
  const [placedRead, waitingRead] = await db.batch([
    db
      .prepare("SELECT f.id, f.location_id, f.status, fl.id AS line_id, fl.hold_id FROM fulfillments f LEFT JOIN fulfillment_lines fl ON fl.fulfillment_id = f.id WHERE f.order_id = ?")
      .bind(order.row.id),
    ...(backordered ? [db.prepare("SELECT hold_id FROM backorders WHERE order_id = ? AND state = 'waiting'").bind(order.row.id)] : []),
  ]);
  const waiting = new Set(((waitingRead?.results ?? []) as { hold_id: string }[]).map((r) => r.hold_id));
  const placed = placedRead.results as Placed[];

  const shipmentOfLine = new Map<string, Placed>();
  const givenBack = new Set<string>();
  const live = new Map<string, string>();
  const known = new Set<string>();
  for (const p of placed) {
    known.add(p.id);
    if (p.status !== "cancelled") live.set(p.location_id, p.id);
    if (!p.line_id) continue;
    shipmentOfLine.set(p.line_id, p);
    if (p.status === "cancelled" && p.hold_id) givenBack.add(p.hold_id);
  }
  const nextAt = (locationId: string) => {
    let nth = 1;
    while (known.has(fulfillmentIdOf(order.row.id, locationId, nth))) nth++;
    return fulfillmentIdOf(order.row.id, locationId, nth);
  };

  const held = new Set(order.allocations.filter((a) => waiting.has(a.hold_id)).map((a) => a.location_id));
  const shipments = new Map<string, Shipment>();
  for (const a of order.allocations) {
    if (held.has(a.location_id)) continue;
    const inShipment = shipmentOfLine.get(fulfillmentLineIdOf(a.id));
    if (inShipment ? inShipment.status === "cancelled" : givenBack.has(a.hold_id)) continue;
    const id = inShipment?.id ?? live.get(a.location_id) ?? nextAt(a.location_id);
    live.set(a.location_id, id);
    const s = shipments.get(id) ?? { locationId: a.location_id, allocations: [] };
    s.allocations.push(a);
    shipments.set(id, s);
  }
  return shipments;
}
