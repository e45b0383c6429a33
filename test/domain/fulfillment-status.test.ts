import { describe, expect, it } from "vitest";
import { canMove, rollUp } from "../../src/domain/fulfillment-status";
import { INITIAL, InvalidTransition, applyChange } from "../../src/domain/order-status";

describe("fulfillment status", () => {
  it("moves forward through picking, packed, shipped, delivered; packing may skip picking", () => {
    expect(canMove("pending", "picking")).toBe(true);
    expect(canMove("pending", "packed")).toBe(true);
    expect(canMove("picking", "packed")).toBe(true);
    expect(canMove("packed", "shipped")).toBe(true);
    expect(canMove("shipped", "delivered")).toBe(true);
  });

  it("refuses going back, skipping to shipped, repeating a move, and cancelling what left", () => {
    expect(canMove("packed", "picking")).toBe(false);
    expect(canMove("pending", "shipped")).toBe(false);
    expect(canMove("picking", "delivered")).toBe(false);
    expect(canMove("shipped", "shipped")).toBe(false);
    expect(canMove("shipped", "cancelled")).toBe(false);
    expect(canMove("delivered", "cancelled")).toBe(false);
    expect(canMove("cancelled", "picking")).toBe(false);
    for (const from of ["pending", "picking", "packed"] as const) expect(canMove(from, "cancelled")).toBe(true);
  });

  it("rolls the order up from its shipments, ignoring cancelled ones", () => {
    expect(rollUp([])).toBe("unfulfilled");
    expect(rollUp(["pending", "packed"])).toBe("unfulfilled");
    expect(rollUp(["shipped", "picking"])).toBe("partial");
    expect(rollUp(["delivered", "pending"])).toBe("partial");
    expect(rollUp(["shipped", "delivered"])).toBe("fulfilled");
    expect(rollUp(["shipped", "cancelled"])).toBe("fulfilled");
    expect(rollUp(["delivered", "delivered", "cancelled"])).toBe("delivered");
    expect(rollUp(["cancelled", "cancelled"])).toBe("unfulfilled");
  });
});

describe("order status under fulfillment", () => {
  const paid = applyChange(INITIAL, { type: "payment_confirmed", captured: true });

  it("follows the roll-up when a shipment ships, arrives or is cancelled", () => {
    expect(applyChange(paid, { type: "fulfillment_shipped", fulfillmentStatus: "partial" }).fulfillmentStatus).toBe("partial");
    expect(applyChange(paid, { type: "fulfillment_delivered", fulfillmentStatus: "delivered" }).fulfillmentStatus).toBe("delivered");
    expect(applyChange(paid, { type: "fulfillment_cancelled", fulfillmentStatus: "unfulfilled" })).toEqual(paid);
  });

  it("ships nothing for an order on hold, cancelled or unpaid", () => {
    expect(() => applyChange({ ...paid, status: "on_hold" }, { type: "fulfillment_shipped", fulfillmentStatus: "fulfilled" })).toThrow(InvalidTransition);
    expect(() => applyChange({ ...paid, status: "cancelled" }, { type: "fulfillment_shipped", fulfillmentStatus: "fulfilled" })).toThrow(InvalidTransition);
    expect(() => applyChange(INITIAL, { type: "fulfillment_shipped", fulfillmentStatus: "fulfilled" })).toThrow(/fulfillment_shipped/);
  });
});
