// Ids sort by time but give away nothing about their neighbours (issue 9 §2, OWASP API1).
import { describe, expect, it } from "vitest";
import { newId } from "../../src/domain/ids";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** The base32 text one greater than `s`: what a monotonic ULID factory makes next. */
function plusOne(s: string): string {
  const chars = s.split("");
  for (let i = chars.length - 1; i >= 0; i--) {
    const at = ALPHABET.indexOf(chars[i]);
    if (at < 31) {
      chars[i] = ALPHABET[at + 1];
      return chars.join("");
    }
    chars[i] = "0";
  }
  return chars.join("");
}

describe("ids", () => {
  it("made in a tight loop (one millisecond, as workerd's clock stands still): none is the previous one plus one", () => {
    const ids = Array.from({ length: 1000 }, () => newId("ord"));
    for (const id of ids) expect(id).toMatch(/^ord_[0-9A-HJKMNP-TV-Z]{26}$/);
    for (let i = 1; i < ids.length; i++) expect(ids[i]).not.toBe(`ord_${plusOne(ids[i - 1].slice(4))}`);
    // The last 13 characters are fresh random: neighbours share at most a chance character or two there.
    const tails = ids.map((id) => id.slice(-13));
    expect(new Set(tails).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) {
      const same = [...tails[i]].filter((ch, k) => ch === tails[i - 1][k]).length;
      expect(same).toBeLessThan(8);
    }
  });

  it("still sort in the order they were made, within a millisecond and across milliseconds", () => {
    const at = Date.now() + 10_000;
    const sameMs = Array.from({ length: 50 }, () => newId("evt", at));
    expect([...sameMs].sort()).toEqual(sameMs);
    expect(new Set(sameMs).size).toBe(50);
    const later = newId("evt", at + 1);
    expect(later > sameMs[sameMs.length - 1]).toBe(true);
    // An older time never makes an id that sorts before one already made here.
    expect(newId("evt", at - 5_000) > later).toBe(true);
  });

  it("start with the time they were made, so keyset cursors over (created_at, id) keep working", () => {
    const a = newId("ord", Date.UTC(2040, 0, 1));
    const b = newId("ord", Date.UTC(2041, 0, 1));
    expect(a < b).toBe(true);
    expect(a.slice(4, 14)).not.toBe(b.slice(4, 14));
  });
});
