// The render job: draws an invoice's or credit note's PDF from its stored row and puts it in R2. The row never
// changes once issued and the PDF is dated by the issue time, so two runs write the same bytes under the same key.
import type { Address } from "../domain/address";
import type { InvoiceLine } from "../domain/invoice";
import type { Env } from "../env";
import { renderer } from "../documents/renderer";
import type { SellerProfile } from "./seller";
import { type DocumentKind, type DocumentWithOrder, findDocument } from "./store";

const PDF = { httpMetadata: { contentType: "application/pdf" } };

export const pdfKeyOf = (d: { kind: DocumentKind; number: string }) => `${d.kind === "invoice" ? "invoices" : "credit-notes"}/${d.number}.pdf`;

export async function renderDocument(env: Env, data: Record<string, unknown>): Promise<void> {
  const id = String(data.documentId);
  const kind: DocumentKind = id.startsWith("cn_") ? "credit_note" : "invoice";
  const d = await findDocument(env.DB, kind, id);
  // The id comes from the batch that issued the document, which runs before the job is sent: unknown stays unknown.
  if (d) await ensureRendered(env, d);
}

/** The document's PDF key, drawing and storing the PDF first if nobody has yet. */
export async function ensureRendered(env: Env, d: DocumentWithOrder): Promise<string> {
  if (d.pdf_key) return d.pdf_key;
  const bytes = await renderer(env).invoice({
    kind: d.kind,
    number: d.number,
    orderNumber: d.order_number,
    correctsNumber: d.corrects_number,
    seller: JSON.parse(d.seller) as SellerProfile,
    buyer: JSON.parse(d.buyer) as { email: string; address: Address | null },
    lines: JSON.parse(d.lines) as InvoiceLine[],
    currency: d.currency,
    subtotal: d.subtotal,
    shippingTotal: d.shipping_total,
    taxTotal: d.tax_total,
    total: d.total,
    reason: d.reason,
    issuedAt: d.issued_at,
  });
  const key = pdfKeyOf(d);
  await env.DOCUMENTS.put(key, bytes, PDF);
  await env.DB.prepare("UPDATE invoices SET pdf_key = ?, rendered_at = ? WHERE id = ? AND pdf_key IS NULL").bind(key, Date.now(), d.id).run();
  return key;
}
