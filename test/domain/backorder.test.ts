import { describe, expect, it } from "vitest";
import { allocateWaiting, beyondStock, type Waiting } from "../../src/domain/backorder";

const w = (holdId: string, quantity: number, orderedAt: number, over: Partial<Waiting> = {}): Waiting => ({
  holdId,
  orderId: `ord_${holdId}`,
  quantity,
  supply: "backorder",
  availableOn: null,
  orderedAt,
  ...over,
});
const NOW = 1_000_000;

describe("beyondStock", () => {
  it("counts the units a reservation took below zero", () => {
    expect(beyondStock(3, 5)).toBe(0);
    expect(beyondStock(3, 0)).toBe(0);
    expect(beyondStock(3, -1)).toBe(1);
    expect(beyondStock(3, -7)).toBe(3);
  });
});

describe("allocateWaiting", () => {
  it("covers the oldest order first, whole", () => {
    // Two waiting 2 each: available -4 means nothing on hand; 2 arrive → available -2.
    const d = allocateWaiting(-2, [w("young", 2, 20), w("old", 2, 10)], NOW);
    expect(d.allocate.map((x) => x.holdId)).toEqual(["old"]);
  });

  it("does not let a younger order overtake one that does not fit yet", () => {
    const d = allocateWaiting(-4, [w("old", 5, 10), w("young", 1, 20)], NOW); // 2 on hand
    expect(d.allocate).toEqual([]);
  });

  it("passes over preorders before their release date, and says when to look again", () => {
    const pre = w("pre", 1, 5, { supply: "preorder", availableOn: NOW + 60_000 });
    const d = allocateWaiting(0, [pre, w("back", 1, 10)], NOW);
    expect(d.allocate.map((x) => x.holdId)).toEqual(["back"]);
    expect(d.nextRelease).toBe(NOW + 60_000);
    expect(allocateWaiting(0, [pre], NOW + 60_000).allocate.map((x) => x.holdId)).toEqual(["pre"]);
  });

  it("leaves the stock of orders that are not waiting alone", () => {
    // 3 on hand, 3 promised to an order from stock, 2 waiting: available = 3 - 3 - 2 = -2.
    expect(allocateWaiting(-2, [w("a", 2, 1)], NOW).allocate).toEqual([]);
    expect(allocateWaiting(0, [w("a", 2, 1)], NOW).allocate.map((x) => x.holdId)).toEqual(["a"]);
  });
});
