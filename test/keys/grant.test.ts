// A key can hand out only what it holds (issue 9 §1, OWASP API5): keys:write is not a way to every scope.
import { describe, expect, it } from "vitest";
import { admin, client } from "../helpers/client";

async function secretKey(scopes: string[]) {
  const { data, response } = await admin().POST("/v1/api-keys", { body: { kind: "secret", name: "ops", scopes: scopes as never } });
  expect(response.status).toBe(201);
  return data!.key;
}

describe("API key scopes", () => {
  it("refuses a keys:write key minting a key with scopes it lacks: 403 scope_not_held naming them, and no key stored", async () => {
    const ops = client(await secretKey(["keys:write", "orders:read"]));
    const before = (await admin().GET("/v1/api-keys", { params: { query: { limit: 200 } } })).data!.data.length;
    const res = await ops.POST("/v1/api-keys", { body: { kind: "secret", name: "escalate", scopes: ["orders:read", "catalog:write", "inventory:write"] } });
    expect(res.response.status).toBe(403);
    expect(res.error).toMatchObject({ code: "scope_not_held", status: 403, scopes: ["catalog:write", "inventory:write"] });
    const after = (await admin().GET("/v1/api-keys", { params: { query: { limit: 200 } } })).data!.data.length;
    expect(after).toBe(before);
  });

  it("lets it grant what it holds, a read of a write it holds, and by default exactly its own scopes", async () => {
    const ops = client(await secretKey(["keys:write", "orders:write"]));
    const narrower = await ops.POST("/v1/api-keys", { body: { kind: "secret", name: "reader", scopes: ["orders:read"] } });
    expect(narrower.response.status).toBe(201);
    expect(narrower.data!.scopes).toEqual(["orders:read"]);
    const same = await ops.POST("/v1/api-keys", { body: { kind: "secret", name: "twin" } });
    expect(same.response.status).toBe(201);
    expect(same.data!.scopes).toEqual(["keys:write", "orders:write"]);
    // The twin cannot climb either.
    const climb = await client(same.data!.key).POST("/v1/api-keys", { body: { kind: "secret", name: "x", scopes: ["customers:write"] } });
    expect(climb.error).toMatchObject({ code: "scope_not_held" });
  });

  it("gives a key made by the bootstrap key every scope by default", async () => {
    const { data } = await admin().POST("/v1/api-keys", { body: { kind: "secret", name: "root-ish" } });
    expect(data!.scopes).toEqual(expect.arrayContaining(["catalog:write", "orders:write", "keys:write", "storefront"]));
  });

  it("mints publishable keys with storefront only, and only from a key that holds storefront", async () => {
    const withoutStorefront = client(await secretKey(["keys:write"]));
    const refused = await withoutStorefront.POST("/v1/api-keys", { body: { kind: "publishable", name: "shop" } });
    expect(refused.response.status).toBe(403);
    expect(refused.error).toMatchObject({ code: "scope_not_held", scopes: ["storefront"] });

    const shopOps = client(await secretKey(["keys:write", "storefront"]));
    const pk = await shopOps.POST("/v1/api-keys", { body: { kind: "publishable", name: "shop" } });
    expect(pk.response.status).toBe(201);
    expect(pk.data!.scopes).toEqual(["storefront"]);

    // Asking for more on a publishable key is refused outright, even by the bootstrap key.
    const wide = await admin().POST("/v1/api-keys", { body: { kind: "publishable", name: "shop", scopes: ["storefront", "orders:read"] } });
    expect(wide.response.status).toBe(403);
    expect(wide.error).toMatchObject({ code: "publishable_scope_not_allowed", scopes: ["orders:read"] });
  });
});
