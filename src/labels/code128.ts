// Code 128 encoder (and a small decoder, used by tests to prove round trips).
//
// Written from the symbology's definition rather than pulling in a barcode library: a shipping
// label only needs code sets B (printable ASCII) and C (digit pairs), and the whole thing is a
// table lookup plus a mod-103 checksum. Code set A (control characters) is deliberately not
// supported: tracking numbers never contain them.

/**
 * Bar/space widths, in modules, of symbol values 0..106. Each symbol starts with a bar and
 * alternates bar, space, bar, space, bar, space; every symbol is 11 modules wide, except the
 * stop (106) which has a trailing 2-module termination bar (13 modules).
 */
export const PATTERNS: readonly string[] = [
  "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213", // 0-9
  "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132", // 10-19
  "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211", // 20-29
  "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313", // 30-39
  "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331", // 40-49
  "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111", // 50-59
  "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214", // 60-69
  "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111", // 70-79
  "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141", // 80-89
  "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141", // 90-99
  "114131", "311141", "411131", "211412", "211214", "211232", "2331112", //                        100-106
];

export const START_A = 103;
export const START_B = 104;
export const START_C = 105;
export const STOP = 106;
/** In code set B, switches to C (in code set C, 99 is just the digit pair "99"). */
export const CODE_C = 99;
/** In code set C, switches to B. */
export const CODE_B = 100;
/** Quiet zone each side, in modules. The spec asks for at least 10X. */
export const QUIET_ZONE_MODULES = 10;
export const MAX_LENGTH = 48;

export interface Code128 {
  text: string;
  /** Symbol values: start, data (including code-set switches), checksum, stop. */
  values: number[];
  /** One width string per symbol, e.g. "211214" for start B; the stop is 7 digits. */
  patterns: string[];
  /** All widths flattened, bar first, alternating bar/space, ending with the stop's final bar. */
  widths: number[];
  /** Quiet zone to leave blank on each side, in modules. */
  quietZone: number;
  /** Width of the bars and spaces, without the quiet zones, in modules. */
  modules: number;
}

/** Throws a descriptive Error when `text` cannot go in one of our barcodes. */
export function validateCode128Text(text: string): void {
  if (typeof text !== "string" || text.length === 0) throw new Error("Code 128: text must be a non-empty string");
  if (text.length > MAX_LENGTH) throw new Error(`Code 128: text is ${text.length} characters, at most ${MAX_LENGTH} are allowed`);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c > 126) {
      throw new Error(`Code 128: character at position ${i} (U+${c.toString(16).toUpperCase().padStart(4, "0")}) is not printable ASCII (32-126)`);
    }
  }
}

const isDigit = (c: string) => c >= "0" && c <= "9";

/**
 * Picks the symbol values. Digit runs go in code set C (two digits per symbol) when that saves
 * symbols: a run of ≥4 digits that starts or ends the text (one switch), or ≥6 in the middle
 * (switch there and back). A whole-digit text of even length ≥2 starts in C. An odd run keeps
 * one digit in B — the first one, except when the text starts in C, where the last is left over.
 */
function dataValues(text: string): { start: number; data: number[] } {
  // Split into maximal runs of digits and of non-digits.
  const runs = text.match(/[0-9]+|[^0-9]+/g) ?? [];
  const useC = runs.map((r, i) => {
    if (!isDigit(r[0])) return false;
    if (runs.length === 1) return r.length >= 2 && (r.length % 2 === 0 || r.length >= 4);
    const atEdge = i === 0 || i === runs.length - 1;
    return r.length >= (atEdge ? 4 : 6);
  });

  const start = useC[0] ? START_C : START_B;
  let set: "B" | "C" = useC[0] ? "C" : "B";
  const data: number[] = [];
  const pushB = (s: string) => {
    if (set !== "B") data.push(CODE_B), (set = "B");
    for (const ch of s) data.push(ch.charCodeAt(0) - 32);
  };
  const pushC = (digits: string) => {
    if (set !== "C") data.push(CODE_C), (set = "C");
    for (let i = 0; i < digits.length; i += 2) data.push(Number(digits.slice(i, i + 2)));
  };

  runs.forEach((r, i) => {
    if (!useC[i]) return pushB(r);
    if (r.length % 2 === 0) return pushC(r);
    // Odd run: when we are already in C at the very start, encode pairs first and the last digit
    // in B; otherwise put the first digit in B (we are in B anyway) and switch for the pairs.
    if (i === 0) {
      pushC(r.slice(0, -1));
      pushB(r.slice(-1));
    } else {
      pushB(r[0]);
      pushC(r.slice(1));
    }
  });
  return { start, data };
}

/** Checksum: start value + Σ position × value (positions from 1), mod 103. */
export function code128Checksum(start: number, data: readonly number[]): number {
  let sum = start;
  data.forEach((v, i) => (sum += (i + 1) * v));
  return sum % 103;
}

export function encodeCode128(text: string): Code128 {
  validateCode128Text(text);
  const { start, data } = dataValues(text);
  const values = [start, ...data, code128Checksum(start, data), STOP];
  const patterns = values.map((v) => PATTERNS[v]);
  const widths = patterns.flatMap((p) => [...p].map(Number));
  const modules = widths.reduce((a, b) => a + b, 0);
  return { text, values, patterns, widths, quietZone: QUIET_ZONE_MODULES, modules };
}

const VALUE_OF = new Map(PATTERNS.map((p, v) => [p, v]));

/**
 * Reads widths (in modules, bar first, no quiet zone) back into text, checking start, stop and
 * checksum. Widths may be slightly off integers (e.g. derived from PDF coordinates): they are
 * rounded. Handles code sets B and C, which is all the encoder produces.
 */
export function decodeCode128(widths: readonly number[]): string {
  const w = widths.map((x) => Math.round(x));
  if (w.some((x) => x < 1 || x > 4)) throw new Error("Code 128 decode: widths must be 1-4 modules");
  if ((w.length - 7) % 6 !== 0 || w.length < 6 * 3 + 7) throw new Error(`Code 128 decode: ${w.length} widths is not a whole number of symbols`);
  const values: number[] = [];
  for (let i = 0; i < w.length - 7; i += 6) {
    const v = VALUE_OF.get(w.slice(i, i + 6).join(""));
    if (v === undefined || v === STOP) throw new Error(`Code 128 decode: unknown symbol at width ${i}`);
    values.push(v);
  }
  if (w.slice(-7).join("") !== PATTERNS[STOP]) throw new Error("Code 128 decode: missing stop pattern");

  const [start, ...rest] = values;
  const check = rest.pop()!;
  if (start !== START_B && start !== START_C) throw new Error("Code 128 decode: start symbol is not B or C");
  if (code128Checksum(start, rest) !== check) throw new Error("Code 128 decode: checksum mismatch");

  let set: "B" | "C" = start === START_C ? "C" : "B";
  let out = "";
  for (const v of rest) {
    if (set === "B") {
      if (v === CODE_C) set = "C";
      else if (v <= 94) out += String.fromCharCode(v + 32);
      else throw new Error(`Code 128 decode: unsupported code set B value ${v}`);
    } else {
      if (v === CODE_B) set = "B";
      else if (v <= 99) out += String(v).padStart(2, "0");
      else throw new Error(`Code 128 decode: unsupported code set C value ${v}`);
    }
  }
  return out;
}
