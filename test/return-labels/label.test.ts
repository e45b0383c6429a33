// Return labels: an approved return's label, made on the first download and kept, the RMA on it; for staff and for
// the shopper (number, email and RMA, the lookup's limits); none for a return not approved.
import { env } from "cloudflare:workers";
import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { LABEL_HEIGHT, LABEL_WIDTH } from "../../src/labels/label";
import { client, raw, checkedRaw } from "../helpers/client";
import { publishableKey } from "../helpers/fixtures";
import { createReturn, path, shippedOrder } from "../returns/world";
import { admin } from "../helpers/client";

const staffLabel = (id: string, apiKey?: string | null) => checkedRaw(`/v1/returns/${id}/label`, {}, apiKey);
const shopperLabel = (pk: string, body: { number: number; email: string; rma: string }, ip = "203.0.113.7") =>
  checkedRaw("/v1/order-lookup/returns/label", { method: "POST", headers: { "content-type": "application/json", "cf-connecting-ip": ip }, body: JSON.stringify(body) }, pk);
const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());
const labelRow = (returnId: string) =>
  env.DB.prepare("SELECT * FROM return_labels WHERE return_id = ?").bind(returnId).first<{ carrier: string; service: string; tracking_number: string; shipping_cost: number; label_key: string }>();

/** The text drawn on the label's page, as the hex strings pdf-lib writes for the standard fonts. */
async function pageHasText(bytes: Uint8Array, text: string) {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const contents = doc.getPage(0).node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
  const hex = [...new TextEncoder().encode(text)].map((b) => b.toString(16).padStart(2, "0")).join("").toUpperCase();
  return streams.some((s) => s instanceof PDFRawStream && new TextDecoder().decode(decodePDFRawStream(s).decode()).toUpperCase().includes(hex));
}

async function shopperReturn(pk: string, qty = 1) {
  const shipped = await shippedOrder(2);
  const asked = await client(pk).POST("/v1/order-lookup/returns", {
    body: { number: shipped.order.number, email: shipped.email, lines: [{ order_line_id: shipped.lineId, quantity: qty, reason: "changed_mind" }] },
  });
  expect(asked.response.status).toBe(201);
  return { ...shipped, ret: asked.data! };
}

describe("return labels", () => {
  it("a requested return has none; once approved, staff and the shopper get the same label with the RMA on it", async () => {
    const pk = await publishableKey();
    const { order, email, ret } = await shopperReturn(pk);
    const proof = { number: order.number, email, rma: ret.rma };

    const early = await staffLabel(ret.id);
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ code: "return_not_approved", return_status: "requested" });
    expect((await shopperLabel(pk, proof)).status).toBe(409);
    expect(await labelRow(ret.id)).toBeNull();

    expect((await admin().POST("/v1/returns/{id}/approve", { ...path(ret.id), body: {} })).response.status).toBe(200);
    const res = await staffLabel(ret.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe(`inline; filename="return-label-${ret.rma}.pdf"`);
    const bytes = await bytesOf(res);
    const row = (await labelRow(ret.id))!;
    // Berlin → Berlin, as the shipment went: DHL Paket, the cheapest standard rate that covers it.
    expect(row).toMatchObject({ carrier: "dhl", service: "Paket", shipping_cost: 549 });
    expect(row.tracking_number).toMatch(/^JD\d{18}$/);
    expect(res.headers.get("x-tracking-number")).toBe(row.tracking_number);
    expect(bytes).toEqual(new Uint8Array(await (await env.DOCUMENTS.get(row.label_key))!.arrayBuffer()));

    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getPage(0).getSize()).toEqual({ width: LABEL_WIDTH, height: LABEL_HEIGHT });
    expect(pdf.getTitle()).toBe(`Return label ${ret.rma} ${row.tracking_number}`);
    expect(pdf.getSubject()).toContain(`Return ${ret.rma} of order #${order.number}`);
    expect(await pageHasText(bytes, `RETURN ${ret.rma}`)).toBe(true);
    expect(await pageHasText(bytes, row.tracking_number)).toBe(true);

    // Every later download, the shopper's too, is the same label: no second tracking number.
    expect(await bytesOf(await staffLabel(ret.id))).toEqual(bytes);
    const shopper = await shopperLabel(pk, proof);
    expect(shopper.status).toBe(200);
    expect(await bytesOf(shopper)).toEqual(bytes);
    const { n } = (await env.DB.prepare("SELECT COUNT(*) AS n FROM return_labels WHERE return_id = ?").bind(ret.id).first<{ n: number }>())!;
    expect(n).toBe(1);
  });

  it("first downloads at the same moment make one label", async () => {
    const { order, lineId } = await shippedOrder(2);
    const ret = (await createReturn(order.id, [{ order_line_id: lineId, quantity: 2, reason: "defective" }])).data!;
    const answers = await Promise.all(Array.from({ length: 4 }, () => staffLabel(ret.id)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    const tracking = new Set(answers.map((a) => a.headers.get("x-tracking-number")));
    expect(tracking.size).toBe(1);
    const bodies = await Promise.all(answers.map(bytesOf));
    for (const b of bodies) expect(b).toEqual(bodies[0]);
    expect((await env.DOCUMENTS.list({ prefix: `return-labels/${ret.id}` })).objects).toHaveLength(1);
  });

  it("declined and cancelled returns have none; a closed one keeps its own", async () => {
    const pk = await publishableKey();
    const declined = await shopperReturn(pk);
    await admin().POST("/v1/returns/{id}/decline", { ...path(declined.ret.id), body: { reason: "other" } });
    expect(await (await staffLabel(declined.ret.id)).json()).toMatchObject({ code: "return_not_approved", return_status: "declined" });

    const { order, lineId } = await shippedOrder(2);
    const cancelled = (await createReturn(order.id, [{ order_line_id: lineId, quantity: 1, reason: "defective" }])).data!;
    expect((await staffLabel(cancelled.id)).status).toBe(200);
    await admin().POST("/v1/returns/{id}/cancel", { ...path(cancelled.id), body: {} });
    expect(await (await staffLabel(cancelled.id)).json()).toMatchObject({ code: "return_not_approved", return_status: "cancelled" });

    const closed = (await createReturn(order.id, [{ order_line_id: lineId, quantity: 1, reason: "defective" }])).data!;
    const before = await bytesOf(await staffLabel(closed.id));
    expect((await admin().POST("/v1/returns/{id}/close", { ...path(closed.id), body: {} })).response.status).toBe(200);
    const after = await staffLabel(closed.id);
    expect(after.status).toBe(200);
    expect(await bytesOf(after)).toEqual(before);
    // A closed return that never had a label gets none.
    const late = (await createReturn(order.id, [{ order_line_id: lineId, quantity: 1, reason: "defective" }])).data!;
    await admin().POST("/v1/returns/{id}/close", { ...path(late.id), body: {} });
    expect(await (await staffLabel(late.id)).json()).toMatchObject({ code: "return_not_approved", return_status: "closed" });
  });

  it("the shopper proves the order like the lookup: wrong email or RMA is 404, and the lookup's limits apply", async () => {
    const pk = await publishableKey();
    const { order, email, ret } = await shopperReturn(pk);
    await admin().POST("/v1/returns/{id}/approve", { ...path(ret.id), body: {} });
    const ip = "198.51.100.23";
    expect(await (await shopperLabel(pk, { number: order.number, email: "someone@example.com", rma: ret.rma }, ip)).json()).toMatchObject({ code: "order_not_found" });
    expect(await (await shopperLabel(pk, { number: order.number, email, rma: `R-${order.number}-9` }, ip)).json()).toMatchObject({ code: "return_not_found" });
    // Another order's RMA with this order's proof names no return of this order.
    const other = await shopperReturn(pk);
    expect((await shopperLabel(pk, { number: order.number, email, rma: other.ret.rma }, ip)).status).toBe(404);
    for (let i = 3; i < 10; i++) expect((await shopperLabel(pk, { number: order.number, email, rma: ret.rma }, ip)).status).toBe(200);
    const limited = await shopperLabel(pk, { number: order.number, email, rma: ret.rma }, ip);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // The lookup itself shares the count.
    const lookup = await raw("/v1/order-lookup", { method: "POST", headers: { "content-type": "application/json", "cf-connecting-ip": ip }, body: JSON.stringify({ number: order.number, email }) }, pk);
    expect(lookup.status).toBe(429);
  });

  it("staff need a key that may read orders; unknown returns are 404", async () => {
    const pk = await publishableKey();
    expect((await staffLabel("ret_nope")).status).toBe(404);
    expect((await staffLabel("ret_nope", null)).status).toBe(401);
    expect((await staffLabel("ret_nope", pk)).status).toBe(403);
    expect((await raw("/v1/order-lookup/returns/label", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }, null)).status).toBe(401);
    expect((await shopperLabel(pk, { number: 1, email: "not-an-email", rma: "R-1-1" })).status).toBe(400);
  });
});
