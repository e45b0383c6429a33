// The pick list on paper: one table per batch, bin walk order, a box to tick per row. Drawn with pdf-lib in the standard
// fonts (nothing embedded), through the label helpers' WinAnsi sanitizing so any product title prints.
import { rgb } from "pdf-lib";
import { fitText, sanitizeWinAnsi, startDocument } from "../../labels/text";
import type { PickRow } from "./batch";

const A4: [number, number] = [595, 842];
const MARGIN = 40;
const ROW = 18;

export async function pickListPdf(meta: { location: string; shipmentIds: string[]; at: number }, rows: PickRow[]) {
  const { doc, regular, bold } = await startDocument({ title: `Pick list ${meta.location}`, subject: "Pick list", creator: "edge-oms dashboard", at: meta.at });
  const cols = [
    { x: MARGIN, w: 20, head: "" },
    { x: MARGIN + 24, w: 50, head: "Bin" },
    { x: MARGIN + 78, w: 110, head: "SKU" },
    { x: MARGIN + 192, w: 186, head: "Item" },
    { x: MARGIN + 382, w: 40, head: "Qty" },
    { x: MARGIN + 426, w: 89, head: "Shipments" },
  ];
  let pageNo = 0;
  let pdfPage = doc.addPage(A4);
  let y = 0;
  const header = () => {
    pageNo++;
    y = A4[1] - MARGIN;
    pdfPage.drawText(sanitizeWinAnsi(`Pick list - ${meta.location}`), { x: MARGIN, y, size: 16, font: bold });
    y -= 18;
    const stamp = new Date(meta.at).toISOString().slice(0, 16).replace("T", " ");
    pdfPage.drawText(sanitizeWinAnsi(`${meta.shipmentIds.length} shipments - ${stamp} UTC - in bin walk order - page ${pageNo}`), { x: MARGIN, y, size: 9, font: regular });
    y -= ROW + 4;
    for (const col of cols) pdfPage.drawText(col.head, { x: col.x, y, size: 10, font: bold });
    y -= 6;
    pdfPage.drawLine({ start: { x: MARGIN, y }, end: { x: A4[0] - MARGIN, y }, thickness: 0.8 });
    y -= ROW - 4;
  };
  header();
  for (const r of rows) {
    if (y < MARGIN + ROW) {
      pdfPage = doc.addPage(A4);
      header();
    }
    pdfPage.drawRectangle({ x: cols[0].x, y: y - 2, width: 10, height: 10, borderColor: rgb(0, 0, 0), borderWidth: 0.8 });
    const cells = [r.bin ?? "-", r.sku, r.title || "-", String(r.quantity), r.into.map((i) => `#${meta.shipmentIds.indexOf(i.id) + 1} x${i.quantity}`).join(", ")];
    cells.forEach((text, i) => {
      const col = cols[i + 1];
      pdfPage.drawText(fitText(sanitizeWinAnsi(text), i === 3 ? bold : regular, 9, col.w), { x: col.x, y, size: 9, font: i === 3 ? bold : regular });
    });
    y -= ROW;
  }
  // The legend: which shipment each # is, so the picker drops each unit into the right tote.
  y -= 6;
  meta.shipmentIds.forEach((id, i) => {
    if (y < MARGIN) {
      pdfPage = doc.addPage(A4);
      header();
    }
    pdfPage.drawText(sanitizeWinAnsi(`#${i + 1}  ${id}`), { x: MARGIN, y, size: 9, font: regular });
    y -= 13;
  });
  return doc.save();
}
