// Invoices: issued with each capture in its own batch, numbered without gaps, drawn as PDFs by a job.
import { env } from "cloudflare:workers";
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { admin } from "../helpers/client";
import { allSeqs, authorizedOrder, capture, downloadPdf, invoicesOf, makeWorld, pdfText, type World } from "./world";

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

const year = new Date().getUTCFullYear();

describe("invoices", () => {
  it("are issued when payment is captured, with lines, totals, seller and buyer, and drawn as a PDF by the job", async () => {
    const order = await authorizedOrder(w);
    expect(await invoicesOf(order.id)).toEqual([]); // authorized only: nothing invoiced yet
    expect((await capture(order.id)).response.status).toBe(200);

    const [invoice] = await invoicesOf(order.id);
    expect(invoice.number).toMatch(new RegExp(`^INV-${year}-\\d{6}$`));
    expect(invoice).toMatchObject({ order_id: order.id, order_number: order.number, currency: "EUR", subtotal: 3000, shipping_total: 0, tax_total: 0, total: 3000 });
    expect(invoice.lines.map((l) => [l.quantity, l.unit_price, l.amount])).toEqual([[2, 1250, 2500], [1, 500, 500]]);
    expect(invoice.buyer).toMatchObject({ email: "buyer@example.com", address: { city: "Berlin" } });
    expect(invoice.seller.name).toBe("Seller details not set up");

    // The render job stores the PDF; the download then serves it.
    await vi.waitFor(async () => expect((await admin().GET("/v1/invoices/{id}", { params: { path: { id: invoice.id } } })).data!.pdf_ready).toBe(true), {
      timeout: 20_000,
      interval: 50,
    });
    // Through the typed client, so the download is checked against the spec and counted.
    const download = await admin().GET("/v1/invoices/{id}/pdf", { params: { path: { id: invoice.id } }, parseAs: "arrayBuffer" });
    expect(download.response.headers.get("content-type")).toBe("application/pdf");
    const bytes = new Uint8Array(download.data!);
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getTitle()).toBe(`Invoice ${invoice.number}`);
    const text = await pdfText(bytes);
    expect(text).toContain(invoice.number);
    expect(text).toContain(`Order #${order.number}`);
    expect(text).toContain("25.00 EUR"); // a line's amount
    expect(text).toContain("30.00 EUR"); // the total
    expect(text).toContain("buyer@example.com");
  });

  it("invoice each partial capture for what it took, the parts adding up to the order", async () => {
    const order = await authorizedOrder(w);
    expect((await capture(order.id, 1001)).response.status).toBe(200);
    expect((await capture(order.id)).response.status).toBe(200);
    const invoices = (await invoicesOf(order.id)).reverse(); // oldest first
    expect(invoices.map((i) => i.total)).toEqual([1001, 1999]);
    expect(invoices[0].lines.map((l) => l.amount)).toEqual([834, 167]); // 1001 in the proportion 2500 : 500
    expect(invoices[0].lines.map((l, i) => l.amount + invoices[1].lines[i].amount)).toEqual([2500, 500]);
    expect(Number(invoices[1].number.slice(-6))).toBe(Number(invoices[0].number.slice(-6)) + 1);
  });

  it("are issued in the checkout's own batch when the payment arrives captured", async () => {
    const order = await authorizedOrder(w, { captured: true });
    expect(order.payment_status).toBe("paid");
    const [invoice] = await invoicesOf(order.id);
    expect(invoice).toMatchObject({ total: 3000, payment_id: order.payments[0].id });
  });

  it("number without gaps under concurrent captures, even when some captures fail", async () => {
    const orders = await Promise.all(Array.from({ length: 8 }, () => authorizedOrder(w)));
    const before = await allSeqs("invoice");
    // Every order captured twice at once: one capture per order wins, the other loses the version race (409) or
    // finds nothing left (422); one more asks for too much.
    const results = await Promise.all([
      ...orders.flatMap((o) => [capture(o.id), capture(o.id)]),
      capture(orders[0].id, 999_999),
    ]);
    const statuses = results.map((r) => r.response.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(8);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 409 || s === 422)).toBe(true);
    const seqs = await allSeqs("invoice");
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(seqs.length - before.length).toBe(8);
    for (const o of orders) expect(await invoicesOf(o.id)).toHaveLength(1);
  });

  it("take the seller as set up when issued; earlier ones keep theirs", async () => {
    const first = await authorizedOrder(w);
    await capture(first.id);
    const seller = {
      name: "Nordwind Textil GmbH",
      address: { name: "Nordwind Textil GmbH", line1: "Hafenstraße 1", city: "Hamburg", postal_code: "20457", country: "DE" },
      vat_id: "DE123456789",
      email: "billing@nordwind.example",
    };
    // (The generated client types a nullable $ref oddly; the body is what the schema asks for.)
    const put = await admin().PUT("/v1/settings/seller", { body: seller as never });
    expect(put.response.status).toBe(200);
    expect((await admin().GET("/v1/settings/seller")).data).toMatchObject(seller);
    const second = await authorizedOrder(w);
    await capture(second.id);
    expect((await invoicesOf(first.id))[0].seller.name).toBe("Seller details not set up");
    const [invoice] = await invoicesOf(second.id);
    expect(invoice.seller).toEqual(seller);
    const text = await pdfText(await downloadPdf(`/v1/invoices/${invoice.id}/pdf`));
    expect(text).toContain("VAT ID DE123456789");
    expect(text).toContain("Hafenstraße 1");
  });

  it("answer 404 for unknown ids and refuse a seller without a name", async () => {
    const res = await admin().GET("/v1/invoices/{id}", { params: { path: { id: "inv_nope" } } });
    expect(res.response.status).toBe(404);
    expect(res.error).toMatchObject({ code: "invoice_not_found" });
    const pdf = await admin().GET("/v1/credit-notes/{id}/pdf", { params: { path: { id: "cn_nope" } }, parseAs: "stream" });
    expect(pdf.response.status).toBe(404);
    const bad = await admin().PUT("/v1/settings/seller", { body: { name: "", address: null, vat_id: null, email: null } as never });
    expect(bad.response.status).toBe(400);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM invoices WHERE id = 'inv_nope'").first("n")).toBe(0);
  });
});
