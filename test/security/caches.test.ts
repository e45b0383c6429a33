// In-isolate caches keyed by what callers send must not grow with it (issue 9 §4, OWASP API4).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { authCacheSize, UNKNOWN_KEYS_CAP } from "../../src/http/auth";
import { readFacts, readModelCacheSize, UNKNOWN_SKUS_CAP } from "../../src/read-model/cache";
import { admin, client, raw } from "../helpers/client";
import { makeProduct } from "../helpers/fixtures";

describe("bounded caches", () => {
  it("keeps at most UNKNOWN_KEYS_CAP unknown bearer tokens however many arrive, and real keys still work", async () => {
    const { data } = await admin().POST("/v1/api-keys", { body: { kind: "secret", name: "real", scopes: ["keys:write"] } });
    const real = client(data!.key);
    expect((await real.GET("/v1/api-keys", { params: { query: { limit: 1 } } })).response.status).toBe(200);

    const flood = UNKNOWN_KEYS_CAP + 100;
    for (let sent = 0; sent < flood; sent += 50)
      await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const res = await raw("/v1/api-keys", {}, `sk_flood_${sent + i}_${Math.random().toString(36).slice(2)}`);
          expect(res.status).toBe(401);
          await res.body?.cancel();
        }),
      );
    const size = authCacheSize();
    expect(size.unknown).toBeLessThanOrEqual(UNKNOWN_KEYS_CAP);
    expect(size.unknown).toBeGreaterThan(UNKNOWN_KEYS_CAP / 2);
    // The flood pushed no real key out: they live in their own cache.
    expect(size.known).toBeGreaterThanOrEqual(1);
    expect((await real.GET("/v1/api-keys", { params: { query: { limit: 1 } } })).response.status).toBe(200);
  }, 90_000);

  it("keeps at most UNKNOWN_SKUS_CAP unknown SKUs, and known SKUs keep their place", async () => {
    const [sku] = await makeProduct([1500]);
    expect((await readFacts(env.DB, [sku])).variants.get(sku)).toMatchObject({ sku, price_amount: 1500 });
    for (let sent = 0; sent < UNKNOWN_SKUS_CAP + 500; sent += 100) {
      const skus = Array.from({ length: 100 }, (_, i) => `NOPE-${sent + i}-${Math.random().toString(36).slice(2, 8)}`);
      const facts = await readFacts(env.DB, skus);
      expect(facts.variants.size).toBe(0);
    }
    const size = readModelCacheSize();
    expect(size.unknownSkus).toBeLessThanOrEqual(UNKNOWN_SKUS_CAP);
    expect(size.variants).toBeGreaterThanOrEqual(1);
    expect((await readFacts(env.DB, [sku])).variants.get(sku)).toMatchObject({ sku });
  }, 90_000);
});
