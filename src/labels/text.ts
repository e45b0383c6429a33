// Text and document helpers shared by the label, the packing slip and the invoices.
//
// We only use the PDF standard fonts (Helvetica): nothing to bundle or embed, tiny files. Their
// encoding in pdf-lib is WinAnsi (Windows-1252), and pdf-lib throws on any character outside it.
// Customer addresses are arbitrary Unicode, so every string goes through `sanitizeWinAnsi` first.

import { PDFDocument, StandardFonts, type PDFFont } from "pdf-lib";

/**
 * A new document dated `at`, not now, so rendering it again writes the same bytes, with the two fonts every
 * document of ours uses.
 */
export async function startDocument(meta: { title: string; subject: string; creator: string; at: number }) {
  const doc = await PDFDocument.create();
  doc.setTitle(meta.title);
  doc.setSubject(meta.subject);
  doc.setProducer("edge-oms");
  doc.setCreator(meta.creator);
  doc.setCreationDate(new Date(meta.at));
  doc.setModificationDate(new Date(meta.at));
  return { doc, regular: await doc.embedFont(StandardFonts.Helvetica), bold: await doc.embedFont(StandardFonts.HelveticaBold) };
}

export interface Address {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  postal_code: string;
  country: string;
}

// Windows-1252 = Latin-1 (U+0020-007E, U+00A0-00FF) plus these 27 characters in 0x80-0x9F.
const CP1252_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";
const EXTRA = new Set([...CP1252_EXTRA].map((c) => c.codePointAt(0)!));

export const isWinAnsi = (cp: number) => (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || EXTRA.has(cp);

// Invisible modifiers that ride along with emoji or accents (variation selectors, zero-width
// joiners, skin tones, leftover combining marks): dropped, so "🏙️" is one "?" and not two.
const INVISIBLE = /[\u0300-\u036f\u200b-\u200d\u2060\ufe00-\ufe0f\ufeff\u{1f3fb}-\u{1f3ff}]/u;

/**
 * Makes `s` drawable with a standard font. Per code point (so an emoji becomes one "?", not two):
 * kept if WinAnsi; else, if stripping its accents gives a WinAnsi letter (ź → z), that letter, since
 * a courier reads "Lodz" better than "L?d?"; else "?". Whitespace/control characters become a
 * space: a newline would otherwise split a line that the layout measured as one.
 */
export function sanitizeWinAnsi(s: string): string {
  let out = "";
  // NFC first, so input typed as "o" + combining accent becomes "ó" (which WinAnsi has).
  for (const ch of s.normalize("NFC")) {
    const cp = ch.codePointAt(0)!;
    if (isWinAnsi(cp)) out += ch;
    else if (INVISIBLE.test(ch)) continue;
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || /\s/.test(ch)) out += " ";
    else {
      const base = ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      out += base.length > 0 && [...base].every((c) => isWinAnsi(c.codePointAt(0)!)) ? base : "?";
    }
  }
  return out;
}

/** Sanitizes, then shortens with "…" so the text fits `maxWidth` points at `size`. */
export function fitText(text: string, font: PDFFont, size: number, maxWidth: number): string {
  let s = sanitizeWinAnsi(text).trim();
  if (font.widthOfTextAtSize(s, size) <= maxWidth) return s;
  while (s.length > 0 && font.widthOfTextAtSize(s + "…", size) > maxWidth) s = s.slice(0, -1);
  return s + "…";
}

/** Address as printed lines: name, street lines, "postal code city", country. */
export function addressLines(a: Address): string[] {
  return [a.name, a.line1, a.line2 ?? "", `${a.postal_code} ${a.city}`.trim(), a.country].filter((l) => l.trim() !== "");
}

/** UTC calendar date, YYYY-MM-DD: unambiguous across the countries a label travels through. */
export function formatDate(ms: number): string {
  if (!Number.isFinite(ms)) throw new Error("createdAt must be a finite epoch-milliseconds number");
  return new Date(ms).toISOString().slice(0, 10);
}
