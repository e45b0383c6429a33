// Credit notes: issued by creditNoteSql in the refund's own batch (the refund route calls it; here the test records
// the refund itself), numbered on their own gapless sequence, naming the invoice they correct.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { insert, prepareAll, type Sql, sql } from "../../src/db/sql";
import { newId } from "../../src/domain/ids";
import { creditNoteSql } from "../../src/invoices/issue";
import { admin } from "../helpers/client";
import { cancel, fulfillmentsOf } from "../order-changes/world";
import { allSeqs, authorizedOrder, capture, downloadPdf, invoicedOrder, invoicesOf, makeWorld, pdfText, taxedOrder, type World } from "./world";

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

/** Records a refund the way the refund path does: the payment row and the credit note in one batch. */
async function recordRefund(orderId: string, amount: number, reason: string | null, opts: { breakBatch?: boolean; before?: Sql[] } = {}) {
  const at = Date.now();
  const refundId = newId("pay", at);
  const statements = [
    // What the change writes before the refund in its batch (an order change rewrites the order's totals first).
    ...(opts.before ?? []),
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

  it("split the refund in the proportion of what was invoiced, not of the order's totals", async () => {
    const order = await invoicedOrder(10); // 10000 + 500 shipping + 1900 tax
    const [invoice] = await invoicesOf(order.id);
    expect(invoice).toMatchObject({ subtotal: 10000, shipping_total: 500, tax_total: 1900, total: 12400 });
    // Whatever the order row says by now (a change in the refund's batch rewrites it), the note follows the invoice.
    await env.DB.prepare("UPDATE orders SET tax_total = 0, total = 0 WHERE id = ?").bind(order.id).run();
    await recordRefund(order.id, 1000, null);
    const [note] = await creditNotesOf(order.id);
    // 1000 × 1900 / 12400 = 153.2; 1000 × 500 / 12400 = 40.3
    expect(note).toMatchObject({ total: 1000, tax_total: 153, shipping_total: 40, subtotal: 807, reason: null });
  });

  it("credit no tax for money nobody invoiced, and never more tax than is left to credit", async () => {
    const order = await invoicedOrder(1); // 1000 + 500 + 190 = 1690
    await recordRefund(order.id, 1690, "all of it");
    await recordRefund(order.id, 500, "goodwill beyond the invoice");
    const notes = await creditNotesOf(order.id); // newest first
    expect(notes.map((n) => [n.total, n.subtotal, n.shipping_total, n.tax_total])).toEqual([
      [500, 500, 0, 0],
      [1690, 1000, 500, 190],
    ]);
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

describe("credit notes of order changes", () => {
  // The batches src/order-changes/cancel.ts writes: the order's new totals first, then the refund and its note.
  const wholeCancel = (id: string) => [sql("UPDATE orders SET subtotal = 0, shipping_total = 0, tax_total = 0, total = 0 WHERE id = ?", id)];
  const partialCancel = (id: string, subtotal: number, total: number) => [sql("UPDATE orders SET subtotal = ?, total = ? WHERE id = ?", subtotal, total, id)];

  it("in a whole cancel's batch credit the whole invoice, though the batch set the order's totals to 0 first", async () => {
    const order = await invoicedOrder(3); // 3000 + 500 + 570 = 4070
    await recordRefund(order.id, 4070, "cancelled", { before: wholeCancel(order.id) });
    const [note] = await creditNotesOf(order.id);
    expect(note).toMatchObject({ subtotal: 3000, shipping_total: 500, tax_total: 570, total: 4070 });
  });

  it("in a partial cancel's batch credit tax in proportion to the invoice, never more than it, and the rest exactly what is left", async () => {
    const order = await invoicedOrder(100); // 100000 + 500 + 19000 = 119500
    // 99 of 100 units: the order keeps 1000 + 500 shipping + 19000 tax = 20500, so 99000 is refunded.
    await recordRefund(order.id, 99000, "99 cancelled", { before: partialCancel(order.id, 1000, 20500) });
    const [first] = await creditNotesOf(order.id);
    expect(first).toMatchObject({ total: 99000, tax_total: 15741, shipping_total: 414, subtotal: 82845 }); // 99000 × 19000 / 119500 = 15740.6
    await recordRefund(order.id, 20500, "cancelled", { before: wholeCancel(order.id) });
    const notes = await creditNotesOf(order.id);
    const [invoice] = await invoicesOf(order.id);
    expect(sums(notes)).toEqual({ subtotal: invoice.subtotal, shipping_total: invoice.shipping_total, tax_total: invoice.tax_total, total: invoice.total });
  });

  const sums = (notes: { subtotal: number; shipping_total: number; tax_total: number; total: number }[]) =>
    notes.reduce((t, n) => ({ subtotal: t.subtotal + n.subtotal, shipping_total: t.shipping_total + n.shipping_total, tax_total: t.tax_total + n.tax_total, total: t.total + n.total }), {
      subtotal: 0,
      shipping_total: 0,
      tax_total: 0,
      total: 0,
    });

  it("reverse the whole invoice when the whole order is cancelled, tax and shipping included", async () => {
    const order = await taxedOrder(w, 3); // 3000 + 500 + 570 = 4070
    await fulfillmentsOf(order.id, 1);
    const res = await cancel(order.id, { reason: "customer changed mind" });
    expect(res.response.status, JSON.stringify(res.error)).toBe(200);
    const [invoice] = await invoicesOf(order.id);
    const notes = await creditNotesOf(order.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ invoice_id: invoice.id, subtotal: 3000, shipping_total: 500, tax_total: 570, total: 4070 });
    expect(sums(notes)).toEqual({ subtotal: invoice.subtotal, shipping_total: invoice.shipping_total, tax_total: invoice.tax_total, total: invoice.total });
  });

  it("of a partial cancel credit the invoiced tax in proportion, and the rest of the order's cancel credits exactly what is left", async () => {
    const order = await taxedOrder(w, 100); // 100000 + 500 shipping + 19000 tax = 119500
    await fulfillmentsOf(order.id, 1);
    const [invoice] = await invoicesOf(order.id);
    expect(invoice).toMatchObject({ subtotal: 100000, shipping_total: 500, tax_total: 19000, total: 119500 });

    const part = await cancel(order.id, { reason: "99 out of stock at the supplier", lines: [{ line_id: order.lines[0].id, quantity: 99 }] });
    expect(part.response.status, JSON.stringify(part.error)).toBe(200);
    const [first] = await creditNotesOf(order.id);
    // The refund is 99 units (the order keeps its shipping and tax). 99000 × 19000 / 119500 = 15740.6; × 500 = 414.2
    expect(first).toMatchObject({ total: 99000, tax_total: 15741, shipping_total: 414, subtotal: 82845 });
    expect(first.tax_total).toBeLessThanOrEqual(invoice.tax_total);

    const rest = await cancel(order.id, { reason: "customer gave up" });
    expect(rest.response.status, JSON.stringify(rest.error)).toBe(200);
    const notes = await creditNotesOf(order.id);
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatchObject({ total: 20500, tax_total: 19000 - 15741, shipping_total: 500 - 414 });
    expect(sums(notes)).toEqual({ subtotal: invoice.subtotal, shipping_total: invoice.shipping_total, tax_total: invoice.tax_total, total: invoice.total });
  });
});
