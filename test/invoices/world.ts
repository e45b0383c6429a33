// Orders to invoice, and a look inside the PDFs.
import { env } from "cloudflare:workers";
import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream, type PDFRef } from "pdf-lib";
import { expect } from "vitest";
import { admin, client, key } from "../helpers/client";
import { makeLocation, makeProduct, publishableKey, receive, shipTo } from "../helpers/fixtures";

export interface World {
  pk: string;
  berlin: string;
}

// Provider references: short, so that no run of digits looks like a card number (which the API refuses).
let ref = 0;
const reference = (label: string) => `${label}-${++ref}`;

export const makeWorld = async (): Promise<World> => ({ pk: await publishableKey(), berlin: await makeLocation("berlin") });

/** An order of 2 × 1250 + 1 × 500, paid by an authorization (captured at checkout when `captured`). */
export async function authorizedOrder(w: World, opts: { captured?: boolean } = {}) {
  const [a, b] = await makeProduct([1250, 500]);
  await receive(a, w.berlin, 5);
  await receive(b, w.berlin, 5);
  const res = await client(w.pk).POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key("checkout") } },
    body: {
      email: "buyer@example.com",
      currency: "EUR",
      lines: [
        { sku: a, quantity: 2 },
        { sku: b, quantity: 1 },
      ],
      shipping_address: shipTo("berlin"),
      payment: { provider: "psp", reference: reference("auth"), amount: 3000, captured: opts.captured ?? false },
    },
  });
  expect(res.response.status, JSON.stringify(res.error)).toBe(201);
  return res.data!;
}

export const capture = (orderId: string, amount?: number) =>
  admin().POST("/v1/orders/{id}/capture", { params: { path: { id: orderId } }, body: { reference: reference("cap"), ...(amount ? { amount } : {}) } });

export const invoicesOf = async (orderId: string) => (await admin().GET("/v1/invoices", { params: { query: { order_id: orderId } } })).data!.data;

export const allSeqs = async (kind: "invoice" | "credit_note") =>
  (await env.DB.prepare("SELECT seq FROM invoices WHERE kind = ? ORDER BY seq").bind(kind).all<{ seq: number }>()).results.map((r) => r.seq);

/** The text a PDF draws, page by page (pdf-lib writes standard-font text as hex strings shown with Tj). */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  let text = "";
  for (const page of doc.getPages()) {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r as PDFRef)) : [contents];
    for (const s of streams) {
      if (!(s instanceof PDFRawStream)) continue;
      const ops = new TextDecoder("latin1").decode(decodePDFRawStream(s).decode());
      for (const m of ops.matchAll(/<([0-9A-Fa-f]*)> Tj/g)) text += `${Buffer.from(m[1], "hex").toString("latin1")}\n`;
    }
  }
  return text;
}

export async function downloadPdf(path: string) {
  const { raw } = await import("../helpers/client");
  const res = await raw(path);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/pdf");
  return new Uint8Array(await res.arrayBuffer());
}
