import { describe, expect, it } from "vitest";
import { chooseService, widestKm, type Rate } from "../../src/domain/carrier";

let n = 0;
const rate = (carrier: string, speed: Rate["speed"], maxKm: number, maxWeightGrams: number, price: number, transitDays = 2): Rate => ({
  id: `r${++n}`,
  carrier,
  service: speed === "express" ? "Express" : "Standard",
  speed,
  transitDays,
  maxKm,
  maxWeightGrams,
  price,
  currency: "EUR",
});

const RATES = [
  rate("dhl", "standard", 300, 2000, 549),
  rate("dhl", "standard", 1000, 2000, 649),
  rate("ups", "standard", 1000, 2000, 599),
  rate("ups", "standard", 1000, 10000, 899),
  rate("dhl", "express", 300, 2000, 1890, 1),
  rate("ups", "express", 3000, 31500, 6290, 1),
];

describe("chooseService", () => {
  it("picks the cheapest rate whose distance and weight bands cover the parcel", () => {
    expect(chooseService(RATES, { speed: "standard", distanceKm: 120, weightGrams: 1500 })).toMatchObject({ carrier: "dhl", price: 549 });
    expect(chooseService(RATES, { speed: "standard", distanceKm: 301, weightGrams: 1500 })).toMatchObject({ carrier: "ups", price: 599 });
    expect(chooseService(RATES, { speed: "standard", distanceKm: 500, weightGrams: 2001 })).toMatchObject({ carrier: "ups", price: 899 });
  });

  it("treats band limits as inclusive", () => {
    expect(chooseService(RATES, { speed: "standard", distanceKm: 300, weightGrams: 2000 })).toMatchObject({ price: 549 });
  });

  it("offers only express services when express is asked for", () => {
    expect(chooseService(RATES, { speed: "express", distanceKm: 10, weightGrams: 100 })).toMatchObject({ speed: "express", price: 1890 });
    expect(chooseService(RATES, { speed: "express", distanceKm: 900, weightGrams: 100 })).toMatchObject({ speed: "express", price: 6290 });
  });

  it("lets a standard request ride express when that is the cheapest (or only) cover", () => {
    expect(chooseService(RATES, { speed: "standard", distanceKm: 2000, weightGrams: 20000 })).toMatchObject({ speed: "express" });
    const cheapExpress = [rate("dhl", "standard", 300, 2000, 700), rate("ups", "express", 300, 2000, 650)];
    expect(chooseService(cheapExpress, { speed: "standard", distanceKm: 1, weightGrams: 1 })).toMatchObject({ carrier: "ups" });
  });

  it("prices an unknown distance in the widest band", () => {
    expect(widestKm(RATES)).toBe(3000);
    expect(chooseService(RATES, { speed: "standard", distanceKm: Number.POSITIVE_INFINITY, weightGrams: 100 })).toMatchObject({ maxKm: 3000 });
  });

  it("breaks price ties by speed, then by name, so the answer never depends on row order", () => {
    const tie = [rate("ups", "standard", 300, 2000, 500, 3), rate("dhl", "standard", 300, 2000, 500, 3), rate("zz", "express", 300, 2000, 500, 1)];
    expect(chooseService(tie, { speed: "standard", distanceKm: 1, weightGrams: 1 })!.carrier).toBe("zz");
    expect(chooseService(tie.slice(0, 2).reverse(), { speed: "standard", distanceKm: 1, weightGrams: 1 })!.carrier).toBe("dhl");
  });

  it("returns null when nothing covers the parcel", () => {
    expect(chooseService(RATES, { speed: "standard", distanceKm: 3001, weightGrams: 100 })).toBeNull();
    expect(chooseService(RATES, { speed: "express", distanceKm: 10, weightGrams: 40000 })).toBeNull();
    expect(chooseService([], { speed: "standard", distanceKm: 1, weightGrams: 1 })).toBeNull();
  });
});
