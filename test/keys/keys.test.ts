import { describe, expect, it } from "vitest";
import { admin, client, key, raw } from "../helpers/client";

describe("API keys", () => {
  it("creates a secret key that works, is stored only as a hash, and stops working once revoked", async () => {
    const { data, response } = await admin().POST("/v1/api-keys", {
      body: { kind: "secret", name: "ops", scopes: ["keys:write"] },
    });
    expect(response.status).toBe(201);
    expect(data!.key).toMatch(/^sk_[0-9A-Za-z]{32}$/);
    expect(data!.prefix).toBe(data!.key.slice(0, 7));

    const { env } = await import("cloudflare:workers");
    const stored = await env.DB.prepare("SELECT * FROM api_keys WHERE id = ?").bind(data!.id).first<Record<string, unknown>>();
    expect(JSON.stringify(stored)).not.toContain(data!.key);

    const ops = client(data!.key);
    expect((await ops.GET("/v1/api-keys", { params: { query: { limit: 10 } } })).response.status).toBe(200);

    const revoked = await admin().DELETE("/v1/api-keys/{id}", { params: { path: { id: data!.id } } });
    expect(revoked.data!.revoked_at).toBeTypeOf("number");
    const after = await ops.GET("/v1/api-keys", { params: { query: {} } });
    expect(after.response.status).toBe(401);
    expect(after.error).toMatchObject({ code: "invalid_api_key", status: 401 });
  });

  it("gives publishable keys the storefront scope only, and refuses them on admin routes", async () => {
    const { data } = await admin().POST("/v1/api-keys", { body: { kind: "publishable", name: "web shop" } });
    expect(data!.key).toMatch(/^pk_/);
    expect(data!.scopes).toEqual(["storefront"]);
    const res = await client(data!.key).GET("/v1/api-keys", { params: { query: {} } });
    expect(res.response.status).toBe(403);
    expect(res.error).toMatchObject({ code: "secret_key_required" });
  });

  it("refuses a secret key without the scope", async () => {
    const { data } = await admin().POST("/v1/api-keys", { body: { kind: "secret", name: "reader", scopes: ["orders:read"] } });
    const res = await client(data!.key).POST("/v1/api-keys", { body: { kind: "secret", name: "escalate" } });
    expect(res.response.status).toBe(403);
    expect(res.error).toMatchObject({ code: "insufficient_scope" });
  });

  it("answers 401 without a key and with an unknown key", async () => {
    expect((await raw("/v1/api-keys", {}, null)).status).toBe(401);
    const res = await raw("/v1/api-keys", {}, "sk_nope");
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("lists keys with a cursor", async () => {
    for (let i = 0; i < 3; i++) await admin().POST("/v1/api-keys", { body: { kind: "publishable", name: `p${i}` } });
    const first = await admin().GET("/v1/api-keys", { params: { query: { limit: 2 } } });
    expect(first.data!.data).toHaveLength(2);
    const second = await admin().GET("/v1/api-keys", { params: { query: { limit: 2, cursor: first.data!.next_cursor! } } });
    expect(second.data!.data[0].id < first.data!.data[1].id).toBe(true);
  });

  it("rejects unknown scopes and fields with field errors", async () => {
    const res = await raw("/v1/api-keys", {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": key() },
      body: JSON.stringify({ kind: "secret", name: "x", scopes: ["root"], admin: true }),
    });
    expect(res.status).toBe(400);
    const body = await res.json<{ code: string; errors: { field: string }[] }>();
    expect(body.code).toBe("validation_failed");
    expect(body.errors.map((e) => e.field)).toEqual(expect.arrayContaining(["body.scopes.0"]));
  });
});
