// Orders to invoice, and a look inside the PDFs.
import { env } from "cloudflare:workers";
import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream, type PDFRef } from "pdf-lib";
import { expect } from "vitest";
import { placeCheckout } from "../../src/checkout/service";
import { prepareAll } from "../../src/db/sql";
import { newId } from "../../src/domain/ids";
import type { Env } from "../../src/env";
import { invoiceSql } from "../../src/invoices/issue";
import { insertOrderSql } from "../../src/orders/write";
import { makeChannel } from "../channels/helpers";
import { admin, key } from "../helpers/client";
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
  // A server places it: only a secret key may bring a payment along.
  const res = await admin().POST("/v1/checkouts", {
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

/**
 * An order the way a channel sends it, paid in full, with the channel's shipping and tax: `units` × 1000 + 500
 * shipping + 19 % tax on the goods. It goes through the checkout's capture path, so its invoice carries that tax.
 */
export async function taxedOrder(w: World, units: number) {
  const [sku] = await makeProduct([1000]);
  await receive(sku, w.berlin, units);
  const channel = await makeChannel("marketplace");
  const [shipping, tax] = [500, units * 190];
  const total = units * 1000 + shipping + tax;
  const externalId = reference("ext");
  return placeCheckout(
    {
      env: env as unknown as Env,
      principal: { id: `channel:${channel}`, kind: "secret", scopes: [] },
      checkoutKey: `channel:${channel}:${externalId}`,
      waitUntil: (p) => void p.catch(() => {}),
      channel: { id: channel, externalId, unitPrices: [1000], shippingTotal: shipping, taxTotal: tax },
    },
    {
      email: "taxed@example.com",
      currency: "EUR",
      lines: [{ sku, quantity: units }],
      shipping_address: shipTo("berlin"),
      payment: { provider: "market", reference: reference("paid"), amount: total, captured: true },
    },
  );
}

/**
 * The same order (`units` × 1000 + 500 shipping + 19 % tax), paid and invoiced, written straight to D1: for credit
 * notes of refunds whose batch the test writes itself, without cells, queues or the checkout.
 */
export async function invoicedOrder(units: number) {
  const now = Date.now();
  const id = newId("ord", now);
  const [shipping, tax] = [500, units * 190];
  const total = units * 1000 + shipping + tax;
  const row = {
    id, number: 0, channel_id: "ch_web", status: "open", payment_status: "paid", fulfillment_status: "unfulfilled", stock_state: "released",
    currency: "EUR", subtotal: units * 1000, shipping_total: shipping, tax_total: tax, total, email: "taxed@example.com",
    shipping_address: JSON.stringify(shipTo("berlin")), pickup_location_id: null, hold_expires_at: null, cancel_reason: null, shipping_speed: "standard",
    ship_by: null, version: 1, customer_id: null, tags: "[]", hold_kind: null, hold_reason: null, risk_score: null, risk_reasons: null,
    billing_address: null, client_ip_hash: null, external_id: null, created_at: now, updated_at: now,
  } as const;
  const line = { sku: "TAXED", title: "Taxed goods", quantity: units, unit_price: 1000, total: units * 1000 };
  const paymentId = newId("pay", now);
  await env.DB.batch(
    prepareAll(env.DB, [
      insertOrderSql(row, `test:${id}`),
      ...invoiceSql({ order: { id, currency: "EUR", lines: [line], shipping_total: shipping, tax_total: tax }, paymentId, amount: total, previous: [], at: now }),
    ]),
  );
  return { id, total };
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
