// Pure rules of the order desk: tags, list cursors, the lookup's rate limit.
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "../../src/domain/cursor";
import { verdict, windowStart } from "../../src/domain/rate-limit";
import { normalizeTags, tagChange, tagProblem } from "../../src/domain/tags";

describe("tags", () => {
  it("are one spelling per tag, in the order first given", () => {
    expect(normalizeTags([" VIP", "vip ", "Gift   Wrap", "gift wrap", "B2B"])).toEqual(["vip", "gift wrap", "b2b"]);
  });

  it("refuse empty, long, and punctuated tags", () => {
    expect(tagProblem("  ")).toMatch(/empty/);
    expect(tagProblem("x".repeat(41))).toMatch(/40/);
    expect(tagProblem("a,b")).not.toBeNull();
    expect(tagProblem('"quoted"')).not.toBeNull();
    expect(tagProblem("-leading")).not.toBeNull();
    for (const ok of ["vip", "größe:xl", "ops/rush", "prio#1", "x".repeat(40)]) expect(tagProblem(ok), ok).toBeNull();
  });

  it("changes name what was added and removed", () => {
    expect(tagChange(["a", "b"], ["b", "c"])).toEqual({ added: ["c"], removed: ["a"] });
    expect(tagChange(["a"], ["a"])).toEqual({ added: [], removed: [] });
  });
});

describe("cursors", () => {
  it("round-trip and are URL-safe", () => {
    const c = { sort: "total", value: 12_345, id: "ord_01J0000000000000000000000?" };
    const text = encodeCursor(c);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text)).toEqual(c);
  });

  it("anything else is not a cursor", () => {
    for (const text of ["", "garbage!", btoa("[1,2,3]"), btoa('["total","1","ord"]'), btoa('["total",1.5,"ord"]'), btoa('["total",1,""]'), btoa("{}")])
      expect(decodeCursor(text), text).toBeNull();
  });
});

describe("fixed-window rate limit", () => {
  const rule = { limit: 10, windowMs: 600_000 };

  it("windows start on multiples of their length", () => {
    expect(windowStart(1_234_567, 600_000)).toBe(1_200_000);
    expect(windowStart(1_200_000, 600_000)).toBe(1_200_000);
  });

  it("allows up to the limit, then says how long to wait (at least a second)", () => {
    expect(verdict(10, 0, rule, 1000)).toEqual({ allowed: true });
    expect(verdict(11, 0, rule, 1000)).toEqual({ allowed: false, retryAfterSeconds: 599 });
    expect(verdict(50, 0, rule, 599_999)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});
