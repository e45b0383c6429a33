// Returns (RMA): reason codes, states and the moves between them, and what makes a unit returnable. Pure.

/** Why the shopper sends it back: a fixed list, like Shopify's, so analytics can count by reason. */
export const RETURN_REASONS = ["size_too_small", "size_too_large", "not_as_described", "defective", "wrong_item", "changed_mind", "other"] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

/** The merchant's fault: no restocking fee and no return shipping fee for these. */
export const MERCHANT_FAULT: readonly ReturnReason[] = ["defective", "wrong_item"];

export const RETURN_SOURCES = ["shopper", "staff", "channel"] as const;
export type ReturnSource = (typeof RETURN_SOURCES)[number];

export const RETURN_STATUSES = ["requested", "open", "declined", "closed", "cancelled"] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export type ReturnAction = "approve" | "decline" | "cancel" | "close";

const MOVES: Record<ReturnAction, { from: readonly ReturnStatus[]; to: ReturnStatus }> = {
  approve: { from: ["requested"], to: "open" },
  decline: { from: ["requested"], to: "declined" },
  // Only before anything came back or was refunded (the caller checks that part).
  cancel: { from: ["requested", "open"], to: "cancelled" },
  close: { from: ["open"], to: "closed" },
};

/** The state after `action`, or null when the return is not in a state that allows it. */
export const returnAfter = (from: ReturnStatus, action: ReturnAction): ReturnStatus | null => (MOVES[action].from.includes(from) ? MOVES[action].to : null);

/** The statuses whose units count as claimed: nobody else may return them (declined and cancelled give them back). */
export const CLAIMING: readonly ReturnStatus[] = ["requested", "open", "closed"];

export const rmaOf = (orderNumber: number, n: number) => `R-${orderNumber}-${n}`;

export type NotReturnable = "not_shipped" | "already_returned" | "final_sale" | "window_over";

export interface LineFacts {
  shipped: number;
  /** Units of this line claimed by returns that still count (CLAIMING; a closed return's missing units do not). */
  claimed: number;
  finalSale: boolean;
  /** When the window started: the line's latest delivery, else its latest shipment; null when nothing shipped. */
  windowStart: number | null;
}

/** What of one line can still be returned, and when nothing, why. Policy checks apply unless staff override them. */
export function returnableOf(f: LineFacts, windowDays: number, now: number, override = false): { quantity: number; why: NotReturnable | null } {
  if (f.shipped === 0) return { quantity: 0, why: "not_shipped" };
  const left = Math.max(0, f.shipped - f.claimed);
  if (left === 0) return { quantity: 0, why: "already_returned" };
  if (!override && f.finalSale) return { quantity: 0, why: "final_sale" };
  if (!override && f.windowStart !== null && now > f.windowStart + windowDays * 86_400_000) return { quantity: 0, why: "window_over" };
  return { quantity: left, why: null };
}
