// Credit notes: issued by creditNoteSql in the refund's own batch (the refund route calls it; here the test records
// the refund itself), numbered on their own gapless sequence, naming the invoice they correct.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { insert, prepareAll } from "../../src/db/sql";
import { newId } from "../../src/domain/ids";
import { creditNoteSql } from "../../src/invoices/issue";
import { admin } from "../helpers/client";
import { allSeqs, authorizedOrder, capture, downloadPdf, invoicesOf, makeWorld, pdfText, type World } from "./world";

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

/** Records a refund the way the refund path does: the payment row and the credit note in one batch. */
async function recordRefund(orderId: string, amount: number, reason: string | null, opts: { breakBatch?: boolean } = {}) {
  const at = Date.now();
  const refundId = newId("pay", at);
  const statements = [
    insert("payments", { id: refundId, order_id: orderId, kind: "refund", provider: "psp", reference: `ref-${refundId}`, amount, currency: "EUR", created_at: at }),
    ...creditNoteSql({ orderId, refundId, amount, currency: "EUR", reason, at }),
    ...(opts.breakBatch ? [insert("no_such_table", { x: 1 })] : []),
  ];
  await env.DB.batch(prepareAll(env.DB, statements));
  return refundId;
}

const creditNotesOf = async (orderId: string) => (await admin().GET("/v1/credit-notes", { params: { query: { order_id: orderId } } })).data!.data;

describe("credit notes", () => {
  it("are issued when a refund is recorded, correcting the order's invoice, and download as a PDF", async () => {
    const order = await authorizedOrder(w);
    await capture(order.id);
    const [invoice] = await invoicesOf(order.id);
    const refundId = await recordRefund(order.id, 1250, "one tee returned");
    const [note] = await creditNotesOf(order.id);
    expect(note.number).toMatch(/^CN-\d{4}-\d{6}$/);
    expect(note).toMatchObject({
      payment_id: refundId,
      invoice_id: invoice.id,
      invoice_number: invoice.number,
      reason: "one tee returned",
      total: 1250,
      tax_total: 0,
      subtotal: 1250,
      buyer: { email: "buyer@example.com" },
    });
    expect(note.lines).toEqual([{ sku: null, description: `Refund for order #${order.number}: one tee returned`, quantity: 1, unit_price: 1250, amount: 1250 }]);

    // Nobody sent a render job for it: the download draws it.
    expect(note.pdf_ready).toBe(false);
    const text = await pdfText(await downloadPdf(`/v1/credit-notes/${note.id}/pdf`));
    expect(text).toContain("CREDIT NOTE");
    expect(text).toContain(note.number);
    expect(text).toContain(`Corrects invoice ${invoice.number}`);
    expect(text).toContain("12.50 EUR");
    expect((await admin().GET("/v1/credit-notes/{id}", { params: { path: { id: note.id } } })).data!.pdf_ready).toBe(true);
  });

  it("split the refund into net and tax in the order's proportion", async () => {
    const order = await authorizedOrder(w);
    await capture(order.id);
    // The order row as a channel would have sent it: 3000 of which 476 tax.
    await env.DB.prepare("UPDATE orders SET tax_total = 476 WHERE id = ?").bind(order.id).run();
    await recordRefund(order.id, 1000, null);
    const [note] = await creditNotesOf(order.id);
    expect(note).toMatchObject({ total: 1000, tax_total: 159, subtotal: 841, reason: null }); // 1000 × 476 / 3000 = 158.67
  });

  it("take no number when the refund's batch fails, so numbers stay gapless", async () => {
    const order = await authorizedOrder(w);
    await capture(order.id);
    await recordRefund(order.id, 100, null);
    await expect(recordRefund(order.id, 100, null, { breakBatch: true })).rejects.toThrow();
    await recordRefund(order.id, 100, null);
    const seqs = await allSeqs("credit_note");
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(await creditNotesOf(order.id)).toHaveLength(2);
  });
});
