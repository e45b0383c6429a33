import { describe, expect, it } from "vitest";
import { INITIAL, InvalidTransition, applyChange } from "../../src/domain/order-status";
import { looksLikeCardNumber } from "../../src/domain/payment";

describe("order status", () => {
  it("confirms a pending payment as authorized or paid", () => {
    expect(applyChange(INITIAL, { type: "payment_confirmed", captured: false }).paymentStatus).toBe("authorized");
    expect(applyChange(INITIAL, { type: "payment_confirmed", captured: true }).paymentStatus).toBe("paid");
  });

  it("captures in parts until paid", () => {
    const authorized = applyChange(INITIAL, { type: "payment_confirmed", captured: false });
    const part = applyChange(authorized, { type: "payment_captured", capturedSoFar: 400, total: 1000 });
    expect(part.paymentStatus).toBe("partially_paid");
    expect(applyChange(part, { type: "payment_captured", capturedSoFar: 1000, total: 1000 }).paymentStatus).toBe("paid");
  });

  it("cancels the order when its authorization is voided or its payment window runs out", () => {
    const authorized = applyChange(INITIAL, { type: "payment_confirmed", captured: false });
    expect(applyChange(authorized, { type: "payment_voided" })).toMatchObject({ status: "cancelled", paymentStatus: "voided" });
    expect(applyChange(INITIAL, { type: "payment_window_expired" })).toMatchObject({ status: "cancelled", paymentStatus: "expired" });
  });

  it("refuses transitions that make no sense, naming the change and the state", () => {
    const paid = applyChange(INITIAL, { type: "payment_confirmed", captured: true });
    expect(() => applyChange(paid, { type: "payment_confirmed", captured: false })).toThrow(InvalidTransition);
    expect(() => applyChange(paid, { type: "payment_voided" })).toThrow(/payment_voided.*payment paid/);
    expect(() => applyChange(INITIAL, { type: "payment_captured", capturedSoFar: 1, total: 1 })).toThrow(InvalidTransition);
    const expired = applyChange(INITIAL, { type: "payment_window_expired" });
    expect(() => applyChange(expired, { type: "payment_confirmed", captured: true })).toThrow(InvalidTransition);
  });
});

describe("card numbers", () => {
  it("recognises card numbers, with or without separators, and leaves provider references alone", () => {
    expect(looksLikeCardNumber("4242424242424242")).toBe(true);
    expect(looksLikeCardNumber("4242 4242 4242 4242")).toBe(true);
    expect(looksLikeCardNumber("ref 5555-5555-5555-4444")).toBe(true);
    expect(looksLikeCardNumber("pi_3N8fK2LkdIwHu7ix0V1ZbXyz")).toBe(false);
    expect(looksLikeCardNumber("4242424242424241")).toBe(false);
    expect(looksLikeCardNumber("123")).toBe(false);
  });
});
