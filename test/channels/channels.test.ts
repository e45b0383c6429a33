// Channel records: secrets write-only, kinds, SKU mappings, buffers.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { admin, raw } from "../helpers/client";
import { makeProduct } from "../helpers/fixtures";

describe("channels", () => {
  it("creates a channel whose secrets are stored but never shown", async () => {
    const { data, response } = await admin().POST("/v1/channels", {
      body: {
        code: "shopify-eu",
        name: "Shopify EU",
        kind: "shopify",
        webhook_secret: "shpss_topsecret",
        credentials: { access_token: "shpat_abc", location_id: 655441491 },
        inventory_url: "https://acme-apparel.myshopify.com/admin/api/2025-01/inventory_levels/set.json",
        stock_buffer_units: 2,
        stock_buffer_percent: 10,
      },
    });
    expect(response.status).toBe(201);
    expect(data).toMatchObject({ kind: "shopify", active: true, has_webhook_secret: true, has_credentials: true, stock_buffer_units: 2, stock_buffer_percent: 10 });
    expect(data!.webhook_path).toBe(`/v1/channels/${data!.id}/webhooks`);
    const text = JSON.stringify((await admin().GET("/v1/channels/{id}", { params: { path: { id: data!.id } } })).data);
    expect(text).not.toContain("topsecret");
    expect(text).not.toContain("shpat_abc");
    const row = await env.DB.prepare("SELECT webhook_secret, credentials FROM channels WHERE id = ?").bind(data!.id).first<{ webhook_secret: string; credentials: string }>();
    expect(row).toEqual({ webhook_secret: "shpss_topsecret", credentials: JSON.stringify({ access_token: "shpat_abc", location_id: 655441491 }) });

    const dup = await admin().POST("/v1/channels", { body: { code: "shopify-eu", name: "again", kind: "shopify" } });
    expect(dup.response.status).toBe(409);
    expect(dup.error).toMatchObject({ code: "channel_code_taken" });
  });

  it("requires a Standard Webhooks secret for marketplaces, clears secrets with null, refuses private inventory URLs", async () => {
    const bad = await admin().POST("/v1/channels", { body: { code: "mkt-bad", name: "M", kind: "marketplace", webhook_secret: "plain-text" } });
    expect(bad.response.status).toBe(422);
    expect(bad.error).toMatchObject({ code: "invalid_webhook_secret" });
    const ok = await admin().POST("/v1/channels", { body: { code: "mkt", name: "M", kind: "marketplace", webhook_secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" } });
    expect(ok.response.status).toBe(201);
    const id = ok.data!.id;
    const cleared = await admin().PATCH("/v1/channels/{id}", { params: { path: { id } }, body: { webhook_secret: null, active: false, stock_buffer_units: 5 } });
    expect(cleared.data).toMatchObject({ has_webhook_secret: false, active: false, stock_buffer_units: 5 });
    const ssrf = await admin().PATCH("/v1/channels/{id}", { params: { path: { id } }, body: { inventory_url: "https://169.254.169.254/latest" } });
    expect(ssrf.response.status).toBe(422);
    expect(ssrf.error).toMatchObject({ code: "inventory_url_not_allowed" });
    const list = await admin().GET("/v1/channels", { params: { query: { limit: 200 } } });
    expect(list.data!.data.map((c) => c.id)).toEqual(expect.arrayContaining(["ch_web", id]));
  });

  it("maps the channel's SKUs to ours, refusing SKUs we do not have", async () => {
    const [sku] = await makeProduct([1000]);
    const { data: ch } = await admin().POST("/v1/channels", { body: { code: "woo-map", name: "Woo", kind: "woocommerce" } });
    const id = ch!.id;
    const put = await admin().PUT("/v1/channels/{id}/skus", {
      params: { path: { id } },
      body: { mappings: [{ external_sku: "WOO-TEE-M", sku, external_inventory_id: "305" }, { external_sku: "product:302", sku }] },
    });
    expect(put.data).toEqual({ updated: 2 });
    const unknown = await admin().PUT("/v1/channels/{id}/skus", { params: { path: { id } }, body: { mappings: [{ external_sku: "X", sku: "NOT-OURS" }] } });
    expect(unknown.response.status).toBe(422);
    expect(unknown.error).toMatchObject({ code: "unknown_sku", errors: [{ field: "body.mappings.0.sku" }] });
    const list = await admin().GET("/v1/channels/{id}/skus", { params: { path: { id }, query: {} } });
    expect(list.data!.data).toEqual([
      { external_sku: "WOO-TEE-M", sku, external_inventory_id: "305" },
      { external_sku: "product:302", sku, external_inventory_id: null },
    ]);
    const del = await admin().DELETE("/v1/channels/{id}/skus/{external_sku}", { params: { path: { id, external_sku: "product:302" } } });
    expect(del.response.status).toBe(200);
    expect((await admin().GET("/v1/channels/{id}/skus", { params: { path: { id }, query: {} } })).data!.data).toHaveLength(1);
  });

  it("needs the channels scopes", async () => {
    const { data } = await admin().POST("/v1/api-keys", { body: { kind: "secret", name: "orders only", scopes: ["orders:read"] } });
    const res = await raw("/v1/channels", {}, data!.key);
    expect(res.status).toBe(403);
  });
});
