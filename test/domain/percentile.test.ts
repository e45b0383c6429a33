import { describe, expect, it } from "vitest";
import { percentile } from "../../src/domain/percentile";

describe("percentile (nearest rank)", () => {
  it("has none for no values", () => {
    expect(percentile([], 50)).toBeNull();
  });

  it("is the only value of one", () => {
    expect(percentile([7], 50)).toBe(7);
    expect(percentile([7], 90)).toBe(7);
  });

  it("picks the value at rank ceil(p/100 * n), whatever the input order", () => {
    const values = [15, 20, 35, 40, 50];
    expect(percentile(values, 30)).toBe(20);
    expect(percentile(values, 40)).toBe(20);
    expect(percentile(values, 50)).toBe(35);
    expect(percentile([50, 40, 35, 20, 15], 100)).toBe(50);
  });

  it("gives p50 and p90 of ten values", () => {
    const values = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 90)).toBe(9);
  });

  it("does not reorder its input", () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it("refuses a percentile outside (0, 100]", () => {
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});
