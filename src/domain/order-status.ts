// The order's status dimensions and every transition between them, in one place. Pure.

export type OrderStatus = "open" | "on_hold" | "completed" | "cancelled";
export type PaymentStatus = "pending" | "authorized" | "partially_paid" | "paid" | "voided" | "expired";
export type FulfillmentStatus = "unfulfilled" | "partial" | "fulfilled" | "delivered";

export interface OrderState {
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  fulfillmentStatus: FulfillmentStatus;
}

export type OrderChange =
  | { type: "payment_confirmed"; captured: boolean }
  | { type: "payment_captured"; capturedSoFar: number; total: number }
  | { type: "payment_voided" }
  | { type: "payment_window_expired" }
  // A fulfillment moved; fulfillmentStatus is the roll-up of all the order's fulfillments after the move.
  | { type: "fulfillment_shipped"; fulfillmentStatus: FulfillmentStatus }
  | { type: "fulfillment_delivered"; fulfillmentStatus: FulfillmentStatus }
  | { type: "fulfillment_cancelled"; fulfillmentStatus: FulfillmentStatus };

/** A refused transition: which change, from which state. The API answers it as 409 invalid_transition. */
export class InvalidTransition extends Error {
  constructor(
    readonly change: OrderChange["type"],
    readonly from: OrderState,
  ) {
    super(`Cannot apply ${change} to an order that is ${from.status} with payment ${from.paymentStatus}`);
  }
}

export function applyChange(from: OrderState, change: OrderChange): OrderState {
  const refuse = () => {
    throw new InvalidTransition(change.type, from);
  };
  const live = from.status === "open" || from.status === "on_hold";
  switch (change.type) {
    case "payment_confirmed":
      if (!live || from.paymentStatus !== "pending") refuse();
      return { ...from, paymentStatus: change.captured ? "paid" : "authorized" };
    case "payment_captured":
      if (from.status === "cancelled" || !["authorized", "partially_paid"].includes(from.paymentStatus)) refuse();
      return { ...from, paymentStatus: change.capturedSoFar >= change.total ? "paid" : "partially_paid" };
    case "payment_voided":
      // Only an uncaptured authorization can be voided; captured money needs a refund (later: returns).
      if (!live || from.paymentStatus !== "authorized" || from.fulfillmentStatus !== "unfulfilled") refuse();
      return { ...from, status: "cancelled", paymentStatus: "voided" };
    case "payment_window_expired":
      if (!live || from.paymentStatus !== "pending") refuse();
      return { ...from, status: "cancelled", paymentStatus: "expired" };
    case "fulfillment_shipped":
      // Nothing leaves for an order someone put on hold or cancelled, nor for one not paid for.
      if (from.status !== "open" || !["authorized", "partially_paid", "paid"].includes(from.paymentStatus)) refuse();
      return { ...from, fulfillmentStatus: change.fulfillmentStatus };
    case "fulfillment_delivered":
    case "fulfillment_cancelled":
      // A parcel already on its way arrives whatever happened to the order; cancelling a shipment only gives stock back.
      return { ...from, fulfillmentStatus: change.fulfillmentStatus };
  }
}

export const INITIAL: OrderState = { status: "open", paymentStatus: "pending", fulfillmentStatus: "unfulfilled" };
