// Downloading labels and packing slips: the PDF bytes from R2 with the right headers, and clear 404s.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { fulfillmentIdOf } from "../../src/fulfillment/create";
import { admin, key, raw } from "../helpers/client";
import { makeLocation, makeProduct, publishableKey, receive, shipTo } from "../helpers/fixtures";

let pk: string;
let berlin: string;
let lyon: string;
let orderId: string;
let fulfillmentId: string;
let tracking: string;
beforeAll(async () => {
  pk = await publishableKey();
  berlin = await makeLocation("berlin");
  lyon = await makeLocation("lyon");
  const [sku] = await makeProduct([1500]);
  await receive(sku, berlin, 5);
  const res = await admin().POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key() } },
    body: { email: "d@example.com", currency: "EUR", lines: [{ sku, quantity: 1 }], shipping_address: shipTo("berlin"), payment: { provider: "psp", reference: "r", amount: 1500 } },
  });
  expect(res.response.status).toBe(201);
  orderId = res.data!.id;
  fulfillmentId = fulfillmentIdOf(orderId, berlin);
  const row = () => env.DB.prepare("SELECT tracking_number, label_key FROM fulfillments WHERE id = ?").bind(fulfillmentId).first<{ tracking_number: string; label_key: string }>();
  await vi.waitFor(async () => expect((await row())?.label_key).toBeTruthy(), { timeout: 20_000, interval: 50 });
  tracking = (await row())!.tracking_number;
});

const stored = async (key: string) => new Uint8Array(await (await env.DOCUMENTS.get(key))!.arrayBuffer());

describe("GET /v1/fulfillments/{id}/label", () => {
  it("returns the label PDF inline, named after the tracking number", async () => {
    // Through the typed client (parseAs stream leaves the body to read here), so the call is checked and counted.
    const { response: res } = await admin().GET("/v1/fulfillments/{id}/label", { params: { path: { id: fulfillmentId } }, parseAs: "stream" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe(`inline; filename="label-${tracking}.pdf"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    expect(bytes).toEqual(await stored(`labels/${fulfillmentId}.pdf`));
    expect(res.headers.get("content-length")).toBe(String(bytes.length));
  });

  it("answers 404 fulfillment_not_found for an unknown fulfillment", async () => {
    const res = await raw("/v1/fulfillments/ful_nope/label");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(await res.json()).toMatchObject({ code: "fulfillment_not_found" });
  });

  it("answers 404 label_not_ready while the label job has not run", async () => {
    const id = fulfillmentIdOf(orderId, lyon);
    await env.DB.prepare("INSERT INTO fulfillments (id, order_id, location_id, status, version, created_at, updated_at) VALUES (?, ?, ?, 'pending', 1, 0, 0)")
      .bind(id, orderId, lyon)
      .run();
    for (const doc of ["label", "packing-slip"]) {
      const res = await raw(`/v1/fulfillments/${id}/${doc}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: "label_not_ready" });
    }
  });

  it("needs an admin key that may read orders", async () => {
    expect((await raw(`/v1/fulfillments/${fulfillmentId}/label`, {}, null)).status).toBe(401);
    expect((await raw(`/v1/fulfillments/${fulfillmentId}/label`, {}, pk)).status).toBe(403);
  });
});

describe("GET /v1/fulfillments/{id}/packing-slip", () => {
  it("returns the packing slip PDF inline", async () => {
    const { response: res } = await admin().GET("/v1/fulfillments/{id}/packing-slip", { params: { path: { id: fulfillmentId } }, parseAs: "stream" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe(`inline; filename="packing-slip-${fulfillmentId}.pdf"`);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(await stored(`packing-slips/${fulfillmentId}.pdf`));
  });

  it("answers 404 fulfillment_not_found for an unknown fulfillment", async () => {
    const res = await raw("/v1/fulfillments/ful_nope/packing-slip");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: "fulfillment_not_found" });
  });
});
