// The return label's PDF: the shipping label drawn by src/labels/label.ts (4×6, the carrier's tracking barcode),
// shopper to warehouse, with the RMA printed on it so the parcel is matched to its return on arrival.
// Deterministic like the shipping label: the same return and rate give the same bytes.
import { PDFDocument, rgb, StandardFonts } from "pdf-lib";
import { LABEL_WIDTH, renderShippingLabel, type ShippingLabelInput } from "../labels/label";
import { fitText, sanitizeWinAnsi } from "../labels/text";

export interface ReturnLabelInput extends ShippingLabelInput {
  rma: string;
}

const MARGIN = 12;
// The row the shipping label prints "Order #…" on (left): the RMA goes on its right.
const REFERENCE_ROW_Y = 174;

export async function drawReturnLabel({ rma, ...label }: ReturnLabelInput): Promise<Uint8Array> {
  const shipping = await renderShippingLabel(label);
  // updateMetadata: false keeps the label's own dates and producer, so the bytes stay the same on every drawing.
  const doc = await PDFDocument.load(shipping, { updateMetadata: false });
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.getPage(0);
  const text = fitText(`RETURN ${rma}`, bold, 11, LABEL_WIDTH / 2 - MARGIN);
  page.drawText(text, { x: LABEL_WIDTH - MARGIN - bold.widthOfTextAtSize(text, 11), y: REFERENCE_ROW_Y, size: 11, font: bold, color: rgb(0, 0, 0) });
  doc.setTitle(`Return label ${sanitizeWinAnsi(rma)} ${sanitizeWinAnsi(label.trackingNumber)}`);
  doc.setSubject(`Return ${sanitizeWinAnsi(rma)} of order #${label.orderNumber}, ${sanitizeWinAnsi(label.carrier)} ${sanitizeWinAnsi(label.service)}`);
  doc.setKeywords([rma, label.trackingNumber]);
  return doc.save();
}
