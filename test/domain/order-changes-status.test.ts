import { describe, expect, it } from "vitest";
import { applyChange, INITIAL, InvalidTransition, type OrderState } from "../../src/domain/order-status";

const paid: OrderState = { status: "open", paymentStatus: "paid", fulfillmentStatus: "unfulfilled" };
const authorized: OrderState = { ...paid, paymentStatus: "authorized" };

describe("order status: holds, cancellations, edits", () => {
  it("holds an open order and releases it; a held order does not ship", () => {
    const held = applyChange(paid, { type: "hold_placed", kind: "fraud_review" });
    expect(held.status).toBe("on_hold");
    expect(() => applyChange(held, { type: "fulfillment_shipped", fulfillmentStatus: "fulfilled" })).toThrow(InvalidTransition);
    expect(() => applyChange(held, { type: "hold_placed", kind: "manual" })).toThrow(/already on hold/);
    expect(applyChange(held, { type: "hold_released" }).status).toBe("open");
    expect(() => applyChange(paid, { type: "hold_released" })).toThrow(/hold_released.*not on hold/);
    expect(() => applyChange({ ...paid, fulfillmentStatus: "fulfilled" }, { type: "hold_placed", kind: "manual" })).toThrow(/everything has shipped/);
  });

  it("cancels a whole order: captured money is refunded, an authorization voided, an unpaid order voided", () => {
    expect(applyChange(paid, { type: "order_cancelled", captured: 1000 })).toMatchObject({ status: "cancelled", paymentStatus: "refunded" });
    expect(applyChange(authorized, { type: "order_cancelled", captured: 0 })).toMatchObject({ status: "cancelled", paymentStatus: "voided" });
    expect(applyChange(INITIAL, { type: "order_cancelled", captured: 0 })).toMatchObject({ status: "cancelled", paymentStatus: "voided" });
    expect(() => applyChange({ ...paid, fulfillmentStatus: "partial" }, { type: "order_cancelled", captured: 1000 })).toThrow(/has shipped/);
    const cancelled = applyChange(paid, { type: "order_cancelled", captured: 1000 });
    expect(() => applyChange(cancelled, { type: "order_cancelled", captured: 1000 })).toThrow(InvalidTransition);
  });

  it("cancels lines and edits: the payment status follows the money", () => {
    expect(applyChange(paid, { type: "lines_cancelled", unitsShipped: false, captured: 1000, refunded: 400, total: 600 }).paymentStatus).toBe("partially_refunded");
    expect(applyChange(authorized, { type: "lines_cancelled", unitsShipped: false, captured: 0, refunded: 0, total: 600 }).paymentStatus).toBe("authorized");
    expect(() => applyChange(paid, { type: "lines_cancelled", unitsShipped: true, captured: 1000, refunded: 0, total: 1000 })).toThrow(/lines_cancelled.*shipped/);
    expect(applyChange(paid, { type: "order_edited", captured: 1000, refunded: 0, total: 1500 }).paymentStatus).toBe("partially_paid");
    expect(applyChange(INITIAL, { type: "order_edited", captured: 0, refunded: 0, total: 1500 }).paymentStatus).toBe("pending");
    expect(() => applyChange({ ...paid, fulfillmentStatus: "partial" }, { type: "order_edited", captured: 1000, refunded: 0, total: 1000 })).toThrow(InvalidTransition);
  });

  it("ships an order whose cancelled lines were refunded", () => {
    const partlyRefunded: OrderState = { ...paid, paymentStatus: "partially_refunded" };
    expect(applyChange(partlyRefunded, { type: "fulfillment_shipped", fulfillmentStatus: "fulfilled" }).fulfillmentStatus).toBe("fulfilled");
  });
});
