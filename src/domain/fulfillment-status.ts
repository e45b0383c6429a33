// A fulfillment's (shipment's) own lifecycle, and how the order's fulfillment_status follows its fulfillments. Pure.
import type { FulfillmentStatus } from "./order-status";

export type FulfillmentState = "pending" | "picking" | "packed" | "shipped" | "delivered" | "cancelled";

// Packing may skip picking (a single-item order is picked while packed); once shipped, it can no longer be cancelled:
// the units left the building and come back only as a return.
const NEXT: Record<FulfillmentState, readonly FulfillmentState[]> = {
  pending: ["picking", "packed", "cancelled"],
  picking: ["packed", "cancelled"],
  packed: ["shipped", "cancelled"],
  shipped: ["delivered"],
  delivered: [],
  cancelled: [],
};

export const canMove = (from: FulfillmentState, to: FulfillmentState) => NEXT[from].includes(to);

/**
 * The order's fulfillment_status from its fulfillments. Cancelled ones do not count: their units are not going to ship
 * from there, so an order whose every fulfillment is cancelled is still unfulfilled.
 */
export function rollUp(states: FulfillmentState[]): FulfillmentStatus {
  const live = states.filter((s) => s !== "cancelled");
  const gone = live.filter((s) => s === "shipped" || s === "delivered").length;
  if (live.length === 0 || gone === 0) return "unfulfilled";
  if (live.every((s) => s === "delivered")) return "delivered";
  return gone === live.length ? "fulfilled" : "partial";
}
