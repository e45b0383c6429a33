import { describe, expect, it } from "vitest";
import { channelFigure, listingsOf } from "../../src/domain/stock-figure";

const none = { units: 0, percent: 0 };

describe("channelFigure", () => {
  it("sums the locations' available-to-promise", () => {
    expect(channelFigure([30, 20], none)).toBe(50);
    expect(channelFigure([], none)).toBe(0);
  });

  it("counts a location short of stock as 0, so it does not eat another's units", () => {
    expect(channelFigure([10, -4], none)).toBe(10);
  });

  it("holds back a number of units, never going below 0", () => {
    expect(channelFigure([30, 20], { units: 5, percent: 0 })).toBe(45);
    expect(channelFigure([3], { units: 5, percent: 0 })).toBe(0);
  });

  it("holds back a percentage, rounding in the merchant's favour", () => {
    expect(channelFigure([100], { units: 0, percent: 10 })).toBe(90);
    // 90 % of 15 is 13.5: the channel sees 13.
    expect(channelFigure([15], { units: 0, percent: 10 })).toBe(13);
    expect(channelFigure([15], { units: 0, percent: 100 })).toBe(0);
  });

  it("holds back the larger of the two when both are set", () => {
    expect(channelFigure([100], { units: 5, percent: 10 })).toBe(90);
    expect(channelFigure([20], { units: 5, percent: 10 })).toBe(15);
  });

  it("treats out-of-range buffers as their nearest sensible value", () => {
    expect(channelFigure([10], { units: -3, percent: -20 })).toBe(10);
    expect(channelFigure([10], { units: 0, percent: 250 })).toBe(0);
  });
});

describe("listingsOf", () => {
  const mappings = [
    { externalSku: "EXT-TEE-S", sku: "TEE-S", externalInventoryId: "808950810" },
    { externalSku: "BUNDLE-TEE-S", sku: "TEE-S", externalInventoryId: null },
    { externalSku: "EXT-TEE-M", sku: "TEE-M", externalInventoryId: "808950811" },
  ];

  it("lists every SKU under our own code at a channel without mappings", () => {
    expect(listingsOf("TEE-S", { kind: "woocommerce", hasMappings: false }, [])).toEqual([{ externalSku: "TEE-S", externalInventoryId: null }]);
  });

  it("lists only mapped SKUs, each mapping once, at a channel with mappings", () => {
    const channel = { kind: "marketplace", hasMappings: true };
    expect(listingsOf("TEE-S", channel, mappings)).toEqual([
      { externalSku: "EXT-TEE-S", externalInventoryId: "808950810" },
      { externalSku: "BUNDLE-TEE-S", externalInventoryId: null },
    ]);
    expect(listingsOf("TEE-L", channel, mappings)).toEqual([]);
  });

  it("lists nothing at a Shopify channel without mappings: its items are addressed by inventory item id", () => {
    expect(listingsOf("TEE-S", { kind: "shopify", hasMappings: false }, [])).toEqual([]);
    expect(listingsOf("TEE-M", { kind: "shopify", hasMappings: true }, mappings)).toEqual([{ externalSku: "EXT-TEE-M", externalInventoryId: "808950811" }]);
  });
});
