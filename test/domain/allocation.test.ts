import { describe, expect, it } from "vitest";
import { type Candidate, demandOf, distanceKm, planAllocation, splitAcrossLines } from "../../src/domain/allocation";

const BERLIN = { latitude: 52.52, longitude: 13.405 };
const LYON = { latitude: 45.764, longitude: 4.8357 };
const MUNICH = { latitude: 48.137, longitude: 11.575 };

const loc = (id: string, where: { latitude: number; longitude: number }, priority: number, available: number, extra: Partial<Candidate> = {}): Candidate => ({
  locationId: id,
  available,
  canShip: true,
  canPickup: false,
  priority,
  ...where,
  ...extra,
});

describe("allocation planner", () => {
  it("measures great-circle distance", () => {
    expect(distanceKm(BERLIN, MUNICH)).toBeCloseTo(504, -1);
    expect(distanceKm(BERLIN, BERLIN)).toBe(0);
  });

  it("counts the same SKU on two lines once, as one demand", () => {
    expect(demandOf([{ sku: "A", quantity: 2 }, { sku: "B", quantity: 1 }, { sku: "A", quantity: 3 }])).toEqual([
      { sku: "A", qty: 5 },
      { sku: "B", qty: 1 },
    ]);
  });

  it("prefers one location that can ship every line, the nearest one", () => {
    const stock = new Map([
      ["A", [loc("ber", BERLIN, 1, 5), loc("lyo", LYON, 2, 5)]],
      ["B", [loc("ber", BERLIN, 1, 5), loc("lyo", LYON, 2, 5)]],
    ]);
    const plan = planAllocation(demandOf([{ sku: "A", quantity: 1 }, { sku: "B", quantity: 1 }]), stock, { kind: "ship", latitude: 45.5, longitude: 4.9 });
    expect(plan).toEqual({ ok: true, allocations: [{ sku: "A", locationId: "lyo", qty: 1 }, { sku: "B", locationId: "lyo", qty: 1 }] });
  });

  it("takes each SKU whole from its nearest location when no single location has everything", () => {
    const stock = new Map([
      ["A", [loc("ber", BERLIN, 1, 5), loc("lyo", LYON, 2, 0)]],
      ["B", [loc("ber", BERLIN, 1, 0), loc("lyo", LYON, 2, 5), loc("muc", MUNICH, 3, 5)]],
    ]);
    const plan = planAllocation(demandOf([{ sku: "A", quantity: 1 }, { sku: "B", quantity: 2 }]), stock, { kind: "ship", ...BERLIN });
    expect(plan).toEqual({ ok: true, allocations: [{ sku: "A", locationId: "ber", qty: 1 }, { sku: "B", locationId: "muc", qty: 2 }] });
  });

  it("splits a SKU across locations in priority order when no location has all of it", () => {
    const stock = new Map([["A", [loc("lyo", LYON, 2, 3), loc("ber", BERLIN, 1, 2), loc("muc", MUNICH, 3, 9)]]]);
    const plan = planAllocation([{ sku: "A", qty: 10 }], stock, { kind: "ship" });
    expect(plan).toEqual({
      ok: true,
      allocations: [{ sku: "A", locationId: "ber", qty: 2 }, { sku: "A", locationId: "lyo", qty: 3 }, { sku: "A", locationId: "muc", qty: 5 }],
    });
  });

  it("reports per SKU what was asked and what there is when stock is short", () => {
    const stock = new Map([["A", [loc("ber", BERLIN, 1, 2), loc("lyo", LYON, 2, 1, { canShip: false })]]]);
    expect(planAllocation([{ sku: "A", qty: 4 }, { sku: "Z", qty: 1 }], stock, { kind: "ship" })).toEqual({
      ok: false,
      shortages: [{ sku: "A", requested: 4, available: 2 }, { sku: "Z", requested: 1, available: 0 }],
    });
  });

  it("reserves pickup orders at the pickup location only", () => {
    const stock = new Map([["A", [loc("ber", BERLIN, 1, 50), loc("muc", MUNICH, 3, 1, { canPickup: true })]]]);
    expect(planAllocation([{ sku: "A", qty: 1 }], stock, { kind: "pickup", locationId: "muc" })).toEqual({
      ok: true,
      allocations: [{ sku: "A", locationId: "muc", qty: 1 }],
    });
    expect(planAllocation([{ sku: "A", qty: 2 }], stock, { kind: "pickup", locationId: "muc" })).toEqual({
      ok: false,
      shortages: [{ sku: "A", requested: 2, available: 1 }],
    });
  });

  it("hands two lines of one SKU their units from shared holds without double counting", () => {
    const lines = [{ sku: "A", quantity: 3 }, { sku: "B", quantity: 1 }, { sku: "A", quantity: 2 }];
    const split = splitAcrossLines(lines, [
      { sku: "A", locationId: "ber", qty: 4 },
      { sku: "A", locationId: "lyo", qty: 1 },
      { sku: "B", locationId: "ber", qty: 1 },
    ]);
    expect(split).toEqual([
      { lineIndex: 0, locationId: "ber", qty: 3 },
      { lineIndex: 1, locationId: "ber", qty: 1 },
      { lineIndex: 2, locationId: "ber", qty: 1 },
      { lineIndex: 2, locationId: "lyo", qty: 1 },
    ]);
  });
});
