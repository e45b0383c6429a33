// A pickup that will not happen (the store rejected it, or nobody came): its units are cancelled through the order's
// own cancel path, which releases the holds through the stock-change record and refunds or voids the money.
//
// Why not send the units back through allocation instead: a pickup order names the store the customer chose to walk
// to. Another location would mean another store (or a parcel) the customer never agreed to, so there is no clean
// path to reallocate; the customer is refunded and told by the order.cancelled / order.updated events instead.
import type { Env } from "../env";
import type { LoadedFulfillment } from "../fulfillment/store";
import { cancelOrder } from "../order-changes/cancel";

const GONE = new Set(["cancelled", "shipped", "delivered"]);

/** Cancels the shipment's units (whole order when they are all it has left). Once cancelled, again does nothing. */
export async function cancelPickupUnits(env: Env, f: LoadedFulfillment, actor: string, reason: string) {
  if (GONE.has(f.row.status)) return;
  const byLine = new Map<string, number>();
  for (const l of f.lines) byLine.set(l.order_line_id, (byLine.get(l.order_line_id) ?? 0) + l.quantity);
  await cancelOrder(env, f.row.order_id, { reason, actor, lines: [...byLine].map(([line_id, quantity]) => ({ line_id, quantity })) });
}
