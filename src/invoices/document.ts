// The PDF of an invoice or credit note: A4, standard fonts, deterministic (dated by the issue time), in the style of
// the packing slip (src/labels/packing-slip.ts): fixed rows, titles shortened to their column, header on every page.
import { rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { formatMoney, type InvoiceLine } from "../domain/invoice";
import { A4 } from "../labels/packing-slip";
import { addressLines, fitText, formatDate, sanitizeWinAnsi, startDocument } from "../labels/text";
import type { Address } from "../domain/address";
import type { SellerProfile } from "./seller";

export interface DocumentInput {
  kind: "invoice" | "credit_note";
  number: string;
  orderNumber: number;
  /** Credit notes: the invoice they correct. */
  correctsNumber: string | null;
  seller: SellerProfile;
  buyer: { email: string; address: Address | null };
  lines: InvoiceLine[];
  currency: string;
  subtotal: number;
  shippingTotal: number;
  taxTotal: number;
  total: number;
  reason: string | null;
  issuedAt: number;
}

const MARGIN = 40;
const ROW = 16;
const FOOTER = 120; // room for the totals block and "Page i of n"
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.45, 0.45, 0.45);
const RIGHT = A4[0] - MARGIN;
// Columns: Item | SKU | Qty | Unit price | Amount (the last three right-aligned).
const COL_ITEM = MARGIN;
const COL_SKU = MARGIN + 230;
const COL_QTY = MARGIN + 370;
const COL_UNIT = MARGIN + 445;

export async function drawDocument(input: DocumentInput): Promise<Uint8Array> {
  const title = input.kind === "invoice" ? "INVOICE" : "CREDIT NOTE";
  const money = (n: number) => formatMoney(n, input.currency);
  const { doc, regular, bold } = await startDocument({
    title: `${input.kind === "invoice" ? "Invoice" : "Credit note"} ${sanitizeWinAnsi(input.number)}`,
    subject: `Order #${input.orderNumber}, total ${money(input.total)}`,
    creator: "edge-oms invoices",
    at: input.issuedAt,
  });

  const pages: PDFPage[] = [];
  let page!: PDFPage;
  let y = 0;
  const draw = (s: string, x: number, size: number, font: PDFFont, maxWidth: number, color = BLACK) =>
    page.drawText(fitText(s, font, size, maxWidth), { x, y, size, font, color });
  const drawRight = (s: string, right: number, size: number, font: PDFFont) => {
    const t = sanitizeWinAnsi(s);
    page.drawText(t, { x: right - font.widthOfTextAtSize(t, size), y, size, font, color: BLACK });
  };
  const block = (heading: string, x: number, lines: string[]) => {
    const top = y;
    draw(heading, x, 8, bold, 240);
    for (const l of lines) {
      y -= 13;
      draw(l, x, 10, regular, 240);
    }
    const bottom = y;
    y = top;
    return bottom;
  };

  const newPage = () => {
    page = doc.addPage(A4);
    pages.push(page);
    y = A4[1] - MARGIN - 14;
    draw(title, MARGIN, 18, bold, 250);
    drawRight(input.number, RIGHT, 14, bold);
    y -= 18;
    draw(`Order #${input.orderNumber}`, MARGIN, 9, regular, 250, GREY);
    drawRight(`Issued ${formatDate(input.issuedAt)}`, RIGHT, 9, regular);
    y -= 28;
    if (pages.length === 1) {
      const s = input.seller;
      const seller = [s.name, ...(s.address ? addressLines(s.address) : []), ...(s.vat_id ? [`VAT ID ${s.vat_id}`] : []), ...(s.email ? [s.email] : [])];
      const buyer = [...(input.buyer.address ? addressLines(input.buyer.address) : []), input.buyer.email];
      y = Math.min(block("FROM", MARGIN, seller), block(input.kind === "invoice" ? "BILL TO" : "CREDIT TO", A4[0] / 2, buyer)) - 24;
      if (input.correctsNumber) {
        draw(`Corrects invoice ${input.correctsNumber}`, MARGIN, 10, regular, RIGHT - MARGIN);
        y -= 14;
      }
      if (input.reason) {
        draw(`Reason: ${input.reason}`, MARGIN, 10, regular, RIGHT - MARGIN);
        y -= 14;
      }
      y -= 10;
    }
    draw("Item", COL_ITEM, 9, bold, 220);
    draw("SKU", COL_SKU, 9, bold, 130);
    drawRight("Qty", COL_QTY + 30, 9, bold);
    drawRight("Unit price", COL_UNIT + 30, 9, bold);
    drawRight("Amount", RIGHT, 9, bold);
    y -= 5;
    page.drawLine({ start: { x: MARGIN, y }, end: { x: RIGHT, y }, thickness: 0.75, color: BLACK });
    y -= ROW - 4;
  };

  newPage();
  for (const line of input.lines) {
    if (y < MARGIN + FOOTER) newPage();
    draw(line.description, COL_ITEM, 10, regular, COL_SKU - COL_ITEM - 8);
    draw(line.sku ?? "", COL_SKU, 10, regular, COL_QTY - COL_SKU - 30);
    drawRight(String(line.quantity), COL_QTY + 30, 10, regular);
    drawRight(money(line.unit_price), COL_UNIT + 30, 10, regular);
    drawRight(money(line.amount), RIGHT, 10, regular);
    y -= ROW;
  }

  y -= 4;
  page.drawLine({ start: { x: COL_UNIT - 60, y: y + 10 }, end: { x: RIGHT, y: y + 10 }, thickness: 0.5, color: GREY });
  const totals: [string, number, PDFFont][] = [
    ["Subtotal", input.subtotal, regular],
    ["Shipping", input.shippingTotal, regular],
    ["Tax", input.taxTotal, regular],
    [input.kind === "invoice" ? "Total" : "Total credited", input.total, bold],
  ];
  for (const [label, amount, font] of totals) {
    drawRight(label, COL_UNIT + 30, 10, font);
    drawRight(money(amount), RIGHT, 10, font);
    y -= ROW;
  }

  pages.forEach((p, i) => {
    p.drawText(`Page ${i + 1} of ${pages.length}  ·  ${sanitizeWinAnsi(input.number)}`, { x: MARGIN, y: MARGIN - 10, size: 8, font: regular, color: GREY });
  });
  return doc.save();
}
