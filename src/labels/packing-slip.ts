// Packing slip: A4 page(s) listing what is in the parcel, for the picker and the recipient.
//
// Paginates by simple row arithmetic (fixed row height, one line per item with the title
// shortened to its column) rather than text reflow: predictable page counts, easy to test.

import { rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { addressLines, fitText, formatDate, sanitizeWinAnsi, startDocument, type Address } from "./text";

export interface PackingSlipLine {
  sku: string;
  title: string;
  quantity: number;
}

export interface PackingSlipInput {
  fulfillmentId: string;
  orderNumber: number;
  shipTo: Address;
  lines: PackingSlipLine[];
  /** Epoch milliseconds; printed and used as the PDF's dates (deterministic output). */
  createdAt: number;
}

export const A4: [number, number] = [595.28, 841.89];
const MARGIN = 40;
const ROW = 16;
const FOOTER = 30; // room kept at the bottom for "Page i of n"
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.45, 0.45, 0.45);
// Column x positions: SKU | Title | Qty (right-aligned at the margin).
const COL_SKU = MARGIN;
const COL_TITLE = MARGIN + 130;
const COL_QTY_RIGHT = A4[0] - MARGIN;

export async function renderPackingSlip(input: PackingSlipInput): Promise<Uint8Array> {
  const date = formatDate(input.createdAt);
  const { doc, regular, bold } = await startDocument({
    title: `Packing slip ${sanitizeWinAnsi(input.fulfillmentId)}`,
    subject: `Order #${input.orderNumber}, fulfillment ${sanitizeWinAnsi(input.fulfillmentId)}`,
    creator: "edge-oms labels",
    at: input.createdAt,
  });

  const pages: PDFPage[] = [];
  let page!: PDFPage;
  let y = 0;
  const draw = (s: string, x: number, size: number, font: PDFFont, maxWidth: number, color = BLACK) =>
    page.drawText(fitText(s, font, size, maxWidth), { x, y, size, font, color });

  // Every page repeats the identifiers and the table header, so a loose page 2 is still useful.
  const newPage = () => {
    page = doc.addPage(A4);
    pages.push(page);
    y = A4[1] - MARGIN - 14;
    draw("PACKING SLIP", MARGIN, 18, bold, 250);
    draw(`Order #${input.orderNumber}`, A4[0] - MARGIN - 200, 14, bold, 200);
    y -= 18;
    draw(`Fulfillment ${input.fulfillmentId}`, MARGIN, 9, regular, 300, GREY);
    draw(date, A4[0] - MARGIN - 200, 9, regular, 200, GREY);
    y -= 24;
    if (pages.length === 1) {
      draw("SHIP TO", MARGIN, 8, bold, 200);
      for (const l of addressLines(input.shipTo)) {
        y -= 14;
        draw(l, MARGIN, 11, regular, A4[0] - 2 * MARGIN);
      }
      y -= 26;
    }
    draw("SKU", COL_SKU, 9, bold, 120);
    draw("Item", COL_TITLE, 9, bold, 200);
    const q = "Qty";
    page.drawText(q, { x: COL_QTY_RIGHT - bold.widthOfTextAtSize(q, 9), y, size: 9, font: bold });
    y -= 5;
    page.drawLine({ start: { x: MARGIN, y }, end: { x: A4[0] - MARGIN, y }, thickness: 0.75, color: BLACK });
    y -= ROW - 4;
  };

  newPage();
  if (input.lines.length === 0) draw("(no items)", COL_SKU, 10, regular, 200, GREY);
  for (const line of input.lines) {
    if (y < MARGIN + FOOTER) newPage();
    draw(line.sku, COL_SKU, 10, regular, COL_TITLE - COL_SKU - 8);
    draw(line.title, COL_TITLE, 10, regular, COL_QTY_RIGHT - COL_TITLE - 50);
    const q = String(line.quantity);
    page.drawText(q, { x: COL_QTY_RIGHT - regular.widthOfTextAtSize(q, 10), y, size: 10, font: regular });
    y -= ROW;
  }

  const totalUnits = input.lines.reduce((n, l) => n + l.quantity, 0);
  pages.forEach((p, i) => {
    const footer = `Page ${i + 1} of ${pages.length}  ·  ${input.lines.length} lines, ${totalUnits} units`;
    p.drawText(footer, { x: MARGIN, y: MARGIN - 10, size: 8, font: regular, color: GREY });
  });
  return doc.save();
}
