import { describe, expect, it } from "vitest";
import { CODE_C, PATTERNS, START_B, START_C, STOP, decodeCode128, encodeCode128 } from "../../src/labels/code128";

describe("Code 128 table", () => {
  it("has 106 symbols of 11 modules with an even bar count, and a 13-module stop", () => {
    expect(PATTERNS).toHaveLength(107);
    expect(new Set(PATTERNS).size).toBe(107);
    PATTERNS.slice(0, 106).forEach((p) => {
      const w = [...p].map(Number);
      expect(w.reduce((a, b) => a + b)).toBe(11);
      expect((w[0] + w[2] + w[4]) % 2).toBe(0); // Code 128's parity rule: bar modules are even
    });
    expect(PATTERNS[STOP]).toBe("2331112");
    expect(PATTERNS[START_B]).toBe("211214");
  });
});

describe("encodeCode128", () => {
  it("encodes the textbook example PJJ123C in code set B", () => {
    // Values in B are charCode - 32: P=48 J=42 J=42 1=17 2=18 3=19 C=35. The run "123" is too
    // short for code set C. Checksum by hand:
    // 104 + 48·1 + 42·2 + 42·3 + 17·4 + 18·5 + 19·6 + 35·7 = 104+48+84+126+68+90+114+245 = 879
    // 879 mod 103 = 879 - 8·103 = 55
    const c = encodeCode128("PJJ123C");
    expect(c.values).toEqual([START_B, 48, 42, 42, 17, 18, 19, 35, 55, STOP]);
    expect(c.patterns[0]).toBe("211214");
    expect(c.patterns.at(-1)).toBe("2331112");
    expect(c.modules).toBe(9 * 11 + 13);
    expect(c.widths).toHaveLength(9 * 6 + 7);
    expect(c.quietZone).toBeGreaterThanOrEqual(10);
  });

  it("uses code set C for an all-digit text", () => {
    // 105 + 12·1 + 34·2 + 56·3 + 78·4 + 90·5 = 105+12+68+168+312+450 = 1115; 1115 - 10·103 = 85
    expect(encodeCode128("1234567890").values).toEqual([START_C, 12, 34, 56, 78, 90, 85, STOP]);
  });

  it("switches to C for a trailing digit run (UPS-style number)", () => {
    // 1Z999AA1 in B (17 58 25 25 25 33 33 17), then CODE C (99) and 01 23 45 67 84.
    // 104 + 17 + 116 + 75 + 100 + 125 + 198 + 231 + 136 + 99·9 + 1·10 + 23·11 + 45·12 + 67·13 + 84·14
    // = 104+17+116+75+100+125+198+231+136+891+10+253+540+871+1176 = 4843; 4843 - 47·103 = 2
    const c = encodeCode128("1Z999AA10123456784");
    expect(c.values).toEqual([START_B, 17, 58, 25, 25, 25, 33, 33, 17, CODE_C, 1, 23, 45, 67, 84, 2, STOP]);
  });

  it("never needs more data symbols than characters", () => {
    for (const t of ["12345", "A1234", "1234A", "A123456B", "A12345B", "9", "99", "999"]) {
      const c = encodeCode128(t);
      expect(c.values.length - 3, t).toBeLessThanOrEqual(t.length);
    }
  });

  it.each([
    ["", /non-empty/],
    ["x".repeat(49), /at most 48/],
    ["AB\n12", /position 2 .*U\+000A/],
    ["ÅB12", /position 0 .*U\+00C5/],
    ["AB😀", /not printable ASCII/],
  ])("rejects %j", (text, message) => {
    expect(() => encodeCode128(text)).toThrow(message);
  });

  it("accepts exactly 48 characters and the full printable range", () => {
    expect(() => encodeCode128("x".repeat(48))).not.toThrow();
    const all = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("");
    for (let i = 0; i < all.length; i += 48) expect(decodeCode128(encodeCode128(all.slice(i, i + 48)).widths)).toBe(all.slice(i, i + 48));
  });
});

describe("decodeCode128 round trip", () => {
  it.each([
    "1Z999AA10123456784",
    "9400111899223100012345",
    "JD014600006281230588",
    "RR123456785GB",
    "12345",
    "0",
    "00",
    "A1234567B",
    "ship-2024/ABC 01",
    "~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./",
  ])("%s", (text) => {
    expect(decodeCode128(encodeCode128(text).widths)).toBe(text);
  });

  it("round-trips 300 pseudo-random texts rich in digit runs", () => {
    let seed = 42; // xorshift: deterministic, no Math.random so failures reproduce
    const rnd = (n: number) => ((seed ^= seed << 13), (seed ^= seed >>> 17), (seed ^= seed << 5), (seed >>> 0) % n);
    for (let k = 0; k < 300; k++) {
      let t = "";
      const len = 1 + rnd(48);
      while (t.length < len) t += rnd(2) ? String.fromCharCode(48 + rnd(10)) : String.fromCharCode(32 + rnd(95));
      expect(decodeCode128(encodeCode128(t).widths)).toBe(t);
    }
  });

  it("detects a corrupted checksum and a missing stop", () => {
    const w = [...encodeCode128("ABC123").widths];
    // Swap a data symbol for another valid one: the checksum no longer matches.
    w.splice(6, 6, ...[...PATTERNS[40]].map(Number));
    expect(() => decodeCode128(w)).toThrow(/checksum/);
    const noStop = encodeCode128("ABC123").widths.slice(0, -7).concat([2, 3, 3, 1, 1, 1, 1]);
    expect(() => decodeCode128(noStop)).toThrow(/stop/);
  });
});
