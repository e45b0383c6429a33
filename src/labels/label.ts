// 4×6 inch shipping label as a PDF, drawn with pdf-lib (pure JS, runs in workerd).
//
// The barcode is drawn as filled rectangles from our own Code 128 encoder; `barcodeBars` is
// exported so the geometry can be tested (decoded back) without parsing PDF content streams.
// Output is deterministic for a given input (metadata dates come from `createdAt`), so
// re-rendering a label after a retry writes identical bytes.

import { rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { encodeCode128 } from "./code128";
import { addressLines, fitText, formatDate, sanitizeWinAnsi, startDocument, type Address } from "./text";

export interface ShippingLabelInput {
  orderNumber: number;
  trackingNumber: string;
  carrier: string;
  service: string;
  weightGrams: number;
  shipFrom: Address;
  shipTo: Address;
  /** Epoch milliseconds; printed as the label date and used as the PDF's dates. */
  createdAt: number;
}

export interface BarcodeBar {
  /** Left edge, in points, from the left of the barcode box (quiet zones included in the box). */
  x: number;
  width: number;
}

export const LABEL_WIDTH = 288; // 4 in
export const LABEL_HEIGHT = 432; // 6 in
const MARGIN = 12;
/** Below 1 pt per module, thermal printers at 203 dpi (≈2.8 dots/pt) blur bars and scanners fail. */
export const MIN_MODULE_PT = 1;
/** Wider modules only lengthen the symbol; 3 pt keeps short numbers at a scanner-friendly size. */
export const MAX_MODULE_PT = 3;
const BLACK = rgb(0, 0, 0);

/**
 * Bars of the Code 128 symbol for `trackingNumber`, laid out in a box `width` points wide: the
 * module width is chosen so symbol plus both quiet zones fit (capped at MAX_MODULE_PT, then
 * centered). Throws if that needs modules narrower than MIN_MODULE_PT: an unscannable barcode
 * on a parcel is worse than a failed label job that says why.
 */
export function barcodeBars(trackingNumber: string, width: number): BarcodeBar[] {
  const code = encodeCode128(trackingNumber);
  const totalModules = code.modules + 2 * code.quietZone;
  const moduleWidth = Math.min(MAX_MODULE_PT, width / totalModules);
  if (moduleWidth < MIN_MODULE_PT) {
    throw new Error(
      `tracking number "${trackingNumber}" needs ${totalModules} modules; at ${MIN_MODULE_PT} pt each that is wider than the ${width} pt available`,
    );
  }
  // Center the symbol; with the cap, the spare room just widens the quiet zones.
  let x = (width - code.modules * moduleWidth) / 2;
  const bars: BarcodeBar[] = [];
  code.widths.forEach((w, i) => {
    if (i % 2 === 0) bars.push({ x, width: w * moduleWidth }); // even index = bar, odd = space
    x += w * moduleWidth;
  });
  return bars;
}

export async function renderShippingLabel(input: ShippingLabelInput): Promise<Uint8Array> {
  if (!Number.isFinite(input.weightGrams) || input.weightGrams < 0) throw new Error("weightGrams must be a non-negative number");
  const date = formatDate(input.createdAt);
  // Compute the barcode first: an invalid or too-long tracking number fails before any drawing.
  const bars = barcodeBars(input.trackingNumber, LABEL_WIDTH);

  const { doc, regular, bold } = await startDocument({
    title: `Shipping label ${sanitizeWinAnsi(input.trackingNumber)}`,
    subject: `Order #${input.orderNumber}, ${sanitizeWinAnsi(input.carrier)} ${sanitizeWinAnsi(input.service)}`,
    creator: "edge-oms labels",
    at: input.createdAt,
  });
  const page = doc.addPage([LABEL_WIDTH, LABEL_HEIGHT]);
  const inner = LABEL_WIDTH - 2 * MARGIN;
  const text = (s: string, x: number, y: number, size: number, font: PDFFont, maxWidth = inner - (x - MARGIN)) =>
    page.drawText(fitText(s, font, size, maxWidth), { x, y, size, font, color: BLACK });

  // ── Header: ship-from (left, small) and carrier/service/weight (right) ──
  let y = LABEL_HEIGHT - MARGIN - 8;
  const half = inner / 2 - 4;
  text("FROM", MARGIN, y, 6, bold);
  addressLines(input.shipFrom).forEach((l, i) => text(l, MARGIN, y - 9 - i * 8, 7, regular, half));
  const rightX = MARGIN + inner / 2 + 4;
  text(input.carrier.toUpperCase(), rightX, y - 4, 12, bold, half);
  text(input.service, rightX, y - 18, 9, regular, half);
  text(`${(input.weightGrams / 1000).toFixed(1)} kg`, rightX, y - 32, 9, bold, half);
  text(date, rightX, y - 44, 8, regular, half);
  y -= 58;
  rule(page, y);

  // ── Ship-to: the part a human reads, so it is the largest ──
  y -= 14;
  text("SHIP TO", MARGIN, y, 7, bold);
  y -= 18;
  addressLines(input.shipTo).forEach((l, i) => text(l, MARGIN + 8, y - i * 17, i === 0 ? 14 : 12, i === 0 ? bold : regular, inner - 8));
  y = 190;
  rule(page, y);
  text(`Order #${input.orderNumber}`, MARGIN, y - 16, 11, bold);

  // ── Barcode with the human-readable tracking number under it ──
  const barTop = 150;
  const barHeight = 90;
  for (const b of bars) page.drawRectangle({ x: b.x, y: barTop - barHeight, width: b.width, height: barHeight, color: BLACK });
  const tracking = sanitizeWinAnsi(input.trackingNumber);
  const tw = regular.widthOfTextAtSize(tracking, 11);
  page.drawText(tracking, { x: (LABEL_WIDTH - tw) / 2, y: barTop - barHeight - 16, size: 11, font: regular, color: BLACK });
  text("TRACKING #", MARGIN, barTop + 6, 6, bold);

  return doc.save();
}

function rule(page: PDFPage, y: number) {
  page.drawLine({ start: { x: MARGIN, y }, end: { x: LABEL_WIDTH - MARGIN, y }, thickness: 1, color: BLACK });
}
