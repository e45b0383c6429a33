// Rate shopping and the status vocabularies, as pure functions: what keeps a promise, what is cheapest, and how
// EasyPost's and Shippo's tracking words map to ours.
import { describe, expect, it } from "vitest";
import type { CarrierRate } from "../../src/carriers/carrier";
import { cheapest, keepsPromise } from "../../src/carriers/shop";
import { fromEasyPost, fromShippo } from "../../src/carriers/status";

const DAY = 86_400_000;
const now = Date.UTC(2026, 11, 1, 9);
const rate = (service: string, price: number, transitDays: number | null, extra: Partial<CarrierRate> = {}): CarrierRate => ({
  accountId: "a", provider: "easypost", rateId: service, shipmentId: "shp", carrier: "USPS", service, price, currency: "USD", transitDays, ...extra,
});

describe("rate shopping", () => {
  const offers = [rate("Ground", 520, 5), rate("Priority", 645, 2), rate("Express", 2400, 1), rate("Mystery", 100, null)];

  it("keeps the cheapest for a standard order, including a service of unknown speed", () => {
    expect(cheapest(offers, { speed: "standard", now })?.service).toBe("Mystery");
  });

  it("keeps only services of two days or fewer (or classed express) for an express order", () => {
    expect(cheapest(offers, { speed: "express", now })?.service).toBe("Priority");
    expect(keepsPromise(rate("Table", 300, 4, { speed: "express" }), { speed: "express", now })).toBe(true);
    expect(keepsPromise(rate("Table", 300, 1, { speed: "standard" }), { speed: "express", now })).toBe(false);
  });

  it("keeps only services whose transit lands by a promised date", () => {
    expect(cheapest(offers, { speed: "standard", deliverBy: now + 3 * DAY, now })?.service).toBe("Priority");
    expect(cheapest(offers, { speed: "standard", deliverBy: now + DAY, now })?.service).toBe("Express");
    expect(cheapest(offers, { speed: "standard", deliverBy: now + DAY / 2, now })).toBeNull();
  });

  it("breaks a price tie by speed, then by the order the rates came in", () => {
    expect(cheapest([rate("Slow", 500, 4), rate("Fast", 500, 2)], { speed: "standard", now })?.service).toBe("Fast");
    expect(cheapest([rate("First", 500, 2, { accountId: "x" }), rate("Second", 500, 2, { accountId: "y" })], { speed: "standard", now })?.accountId).toBe("x");
  });
});

describe("tracking statuses", () => {
  it("maps EasyPost's", () => {
    expect(["unknown", "pre_transit", "in_transit", "out_for_delivery", "delivered", "available_for_pickup", "return_to_sender", "failure", "cancelled", "error"].map(fromEasyPost)).toEqual([
      "pre_transit", "pre_transit", "in_transit", "out_for_delivery", "delivered", "available_for_pickup", "returned_to_sender", "exception", "exception", "exception",
    ]);
  });

  it("maps Shippo's, with the substatus telling out-for-delivery and pickup apart from transit", () => {
    expect(["UNKNOWN", "PRE_TRANSIT", "TRANSIT", "DELIVERED", "RETURNED", "FAILURE"].map((s) => fromShippo(s))).toEqual([
      "pre_transit", "pre_transit", "in_transit", "delivered", "returned_to_sender", "exception",
    ]);
    expect(fromShippo("TRANSIT", "out_for_delivery")).toBe("out_for_delivery");
    expect(fromShippo("TRANSIT", "pickup_available")).toBe("available_for_pickup");
  });
});
