// The order's status dimensions and every transition between them, in one place. Pure.

export type OrderStatus = "open" | "on_hold" | "completed" | "cancelled";
export type PaymentStatus = "pending" | "authorized" | "partially_paid" | "paid" | "partially_refunded" | "refunded" | "voided" | "expired";
export type FulfillmentStatus = "unfulfilled" | "partial" | "fulfilled" | "delivered";
export type HoldKind = "manual" | "fraud_review" | "address_verification" | "payment_review" | "channel_issue";

export interface OrderState {
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  fulfillmentStatus: FulfillmentStatus;
}

/** Money of an order after a change: what was captured, what has been refunded, what the order now totals. */
export interface Settlement {
  captured: number;
  refunded: number;
  total: number;
}

export type OrderChange =
  | { type: "payment_confirmed"; captured: boolean }
  | { type: "payment_captured"; capturedSoFar: number; total: number }
  | { type: "payment_voided" }
  | { type: "payment_window_expired" }
  // A fulfillment moved; fulfillmentStatus is the roll-up of all the order's fulfillments after the move.
  | { type: "fulfillment_shipped"; fulfillmentStatus: FulfillmentStatus }
  | { type: "fulfillment_delivered"; fulfillmentStatus: FulfillmentStatus }
  | { type: "fulfillment_cancelled"; fulfillmentStatus: FulfillmentStatus }
  | { type: "hold_placed"; kind: HoldKind }
  | { type: "hold_released" }
  // The whole order, before anything shipped; `captured` is the money taken so far (it gets refunded).
  | { type: "order_cancelled"; captured: number }
  // Some units of some lines; `unitsShipped`: whether the cancellation reaches units that already left.
  | ({ type: "lines_cancelled"; unitsShipped: boolean } & Settlement)
  | ({ type: "order_edited" } & Settlement);

/** A refused transition: which change, from which state. The API answers it as 409 invalid_transition. */
export class InvalidTransition extends Error {
  constructor(
    readonly change: OrderChange["type"],
    readonly from: OrderState,
    why?: string,
  ) {
    super(`Cannot apply ${change} to an order that is ${from.status} with payment ${from.paymentStatus}${why ? `: ${why}` : ""}`);
  }
}

// Money has moved at the provider: refunds are owed for what was taken and is no longer sold.
const MONEY_TAKEN: PaymentStatus[] = ["partially_paid", "paid", "partially_refunded", "refunded"];
const CONFIRMED: PaymentStatus[] = ["authorized", "partially_paid", "paid", "partially_refunded"];

/** The payment status once an order's money stands as `s` (pending and authorized orders keep theirs: nothing was taken). */
export function paymentAfter(from: PaymentStatus, s: Settlement): PaymentStatus {
  if (!MONEY_TAKEN.includes(from) && s.captured === 0) return from;
  if (s.refunded > 0) return s.refunded >= s.captured ? "refunded" : "partially_refunded";
  return s.captured >= s.total ? "paid" : "partially_paid";
}

export function applyChange(from: OrderState, change: OrderChange): OrderState {
  const refuse = (why?: string): never => {
    throw new InvalidTransition(change.type, from, why);
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
      if (from.status !== "open" || !CONFIRMED.includes(from.paymentStatus)) refuse();
      return { ...from, fulfillmentStatus: change.fulfillmentStatus };
    case "fulfillment_delivered":
    case "fulfillment_cancelled":
      // A parcel already on its way arrives whatever happened to the order; cancelling a shipment only gives stock back.
      return { ...from, fulfillmentStatus: change.fulfillmentStatus };
    case "hold_placed":
      // A hold stops what has not left yet; an order that has wholly shipped has nothing left to stop.
      if (from.status !== "open") refuse(from.status === "on_hold" ? "it is already on hold" : undefined);
      if (from.fulfillmentStatus === "fulfilled" || from.fulfillmentStatus === "delivered") refuse("everything has shipped");
      return { ...from, status: "on_hold" };
    case "hold_released":
      if (from.status !== "on_hold") refuse("it is not on hold");
      return { ...from, status: "open" };
    case "order_cancelled":
      if (!live) refuse();
      if (from.fulfillmentStatus !== "unfulfilled") refuse("some of it has shipped; cancel the lines that have not");
      // Nothing will be paid for a cancelled order: an authorization is voided, captured money refunded in full.
      return { ...from, status: "cancelled", paymentStatus: change.captured > 0 ? "refunded" : "voided" };
    case "lines_cancelled":
      if (!live) refuse();
      if (change.unitsShipped) refuse("those units have shipped");
      return { ...from, paymentStatus: paymentAfter(from.paymentStatus, change) };
    case "order_edited":
      if (!live) refuse();
      if (from.fulfillmentStatus !== "unfulfilled") refuse("some of it has shipped");
      return { ...from, paymentStatus: paymentAfter(from.paymentStatus, change) };
  }
}

export const INITIAL: OrderState = { status: "open", paymentStatus: "pending", fulfillmentStatus: "unfulfilled" };
