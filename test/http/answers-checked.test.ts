// The typed client the tests use checks every answer against openapi/openapi.json (openapi/validate.ts). These
// feed it made-up answers to show it refuses what breaks the contract and takes what keeps it.
import { describe, expect, it } from "vitest";
import { createOmsClient } from "../../openapi/client";
import document from "../../openapi/openapi.json";

const answering = (status: number, body: unknown, type = "application/json") =>
  createOmsClient({
    baseUrl: "http://oms.test",
    fetch: async () => new Response(JSON.stringify(body), { status, headers: { "content-type": type } }),
    check: { document },
  });
const seller = { name: "Nordwind", address: null, vat_id: null, email: null, updated_at: null };

describe("the answer check", () => {
  it("takes an answer that matches, null address included", async () => {
    const res = await answering(200, seller).GET("/v1/settings/seller");
    expect(res.data).toEqual(seller);
  });

  it("refuses a field the schema does not declare, naming operation and status", async () => {
    await expect(answering(200, { ...seller, surprise: 1 }).GET("/v1/settings/seller")).rejects.toThrow(
      /getSellerSettings \(GET \/v1\/settings\/seller\) answered 200: the body does not match[\s\S]*surprise/,
    );
  });

  it("refuses a wrong type deep inside", async () => {
    await expect(answering(200, { ...seller, address: { name: "x" } }).GET("/v1/settings/seller")).rejects.toThrow(/#\/address/);
  });

  it("refuses a status the operation does not declare, and a media type it does not declare", async () => {
    await expect(answering(418, { type: "about:blank" }, "application/problem+json").GET("/v1/settings/seller")).rejects.toThrow(/answered 418, a status the document does not declare/);
    await expect(answering(200, seller, "application/problem+json").GET("/v1/settings/seller")).rejects.toThrow(/which the document does not declare/);
  });

  it("checks problem answers against the Problem schema", async () => {
    await expect(answering(401, { title: "Unauthorized" }, "application/problem+json").GET("/v1/settings/seller")).rejects.toThrow(/required/);
  });
});
