// Reservation limits (issue 9 §3, OWASP API6): an unpaid storefront checkout cannot hoard stock.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { checkReservationLimits } from "../../src/checkout/limits";
import { DEFAULT_CHECKOUT_LIMITS } from "../../src/checkout-limits/schemas";
import { forgetCheckoutLimits } from "../../src/checkout-limits/settings";
import type { Principal } from "../../src/env";
import { Problem } from "../../src/http/problem";
import { admin, client, raw, checkedRaw } from "../helpers/client";

const pk = (id: string): Principal => ({ id, kind: "publishable", scopes: ["storefront"] });
const sk: Principal = { id: "key_server", kind: "secret", scopes: ["storefront"] };

let ip = 0;
const nextIp = () => `198.51.100.${++ip}`;

async function refusal(p: Promise<void>): Promise<Problem> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Problem);
  return err as Problem;
}

const putLimits = (body: unknown, apiKey?: string) =>
  checkedRaw("/v1/settings/checkout-limits", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }, apiKey);

beforeAll(() => forgetCheckoutLimits());

describe("checkout limits: settings route", () => {
  it("starts at the defaults, takes a change at once in this isolate, and refuses bad values with field errors", async () => {
    const got = await admin().GET("/v1/settings/checkout-limits");
    expect(got.response.status).toBe(200);
    expect(got.data).toEqual(DEFAULT_CHECKOUT_LIMITS);

    const changed = { max_units_per_checkout: 20, max_held_units_per_window: 50, window_seconds: 600 };
    const put = await putLimits(changed);
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual(changed);
    expect((await admin().GET("/v1/settings/checkout-limits")).data).toEqual(changed);
    const stored = await env.DB.prepare("SELECT * FROM checkout_limits WHERE id = 1").first<Record<string, number>>();
    expect(stored).toMatchObject({ ...changed, version: 2 });

    const bad = await putLimits({ max_units_per_checkout: 600, max_held_units_per_window: 500, window_seconds: 30, extra: 1 });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { code: string; errors: { field: string }[] };
    expect(body.code).toBe("validation_failed");
    expect(body.errors.map((e) => e.field)).toEqual(expect.arrayContaining(["body.window_seconds"]));
    const tooBig = await putLimits({ max_units_per_checkout: 600, max_held_units_per_window: 500, window_seconds: 900 });
    expect(tooBig.status).toBe(400);
    expect(((await tooBig.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain("body.max_units_per_checkout");

    expect((await putLimits(DEFAULT_CHECKOUT_LIMITS)).status).toBe(200);
  });

  it("reads with orders:read, changes with orders:write only; publishable keys get nothing", async () => {
    const make = async (scopes: string[]) => (await admin().POST("/v1/api-keys", { body: { kind: "secret", name: "s", scopes: scopes as never } })).data!.key;
    const reader = await make(["orders:read"]);
    expect((await client(reader).GET("/v1/settings/checkout-limits")).response.status).toBe(200);
    const refused = await putLimits(DEFAULT_CHECKOUT_LIMITS, reader);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe("insufficient_scope");
    expect((await putLimits(DEFAULT_CHECKOUT_LIMITS, await make(["orders:write"]))).status).toBe(200);
    const shop = (await admin().POST("/v1/api-keys", { body: { kind: "publishable", name: "shop" } })).data!.key;
    expect((await client(shop).GET("/v1/settings/checkout-limits")).response.status).toBe(403);
  });
});

describe("checkReservationLimits", () => {
  it("refuses a checkout above max_units_per_checkout with 422 checkout_too_large and a field error", async () => {
    const p = await refusal(checkReservationLimits(env, { principal: pk("key_a"), clientIp: nextIp(), units: 101, paid: false }));
    expect(p.status).toBe(422);
    expect(p.toJSON()).toMatchObject({ code: "checkout_too_large", max_units_per_checkout: 100, errors: [{ field: "body.lines" }] });
    // Paid with a publishable key: still capped. Unpaid with a secret key: capped too.
    expect((await refusal(checkReservationLimits(env, { principal: pk("key_a"), clientIp: nextIp(), units: 101, paid: true }))).code).toBe("checkout_too_large");
    expect((await refusal(checkReservationLimits(env, { principal: sk, units: 101, paid: false }))).code).toBe("checkout_too_large");
    // A paid checkout from the merchant's own server is not.
    await checkReservationLimits(env, { principal: sk, units: 5_000, paid: true });
    await checkReservationLimits(env, { principal: pk("key_a"), clientIp: nextIp(), units: 100, paid: false });
  });

  it("holds one key and IP to 500 unpaid units per window (429 with Retry-After), counts nothing it refused, and leaves others alone", async () => {
    const from = nextIp();
    for (let i = 0; i < 5; i++) await checkReservationLimits(env, { principal: pk("key_b"), clientIp: from, units: 90, paid: false });
    await checkReservationLimits(env, { principal: pk("key_b"), clientIp: from, units: 50, paid: false }); // 500 exactly
    const p = await refusal(checkReservationLimits(env, { principal: pk("key_b"), clientIp: from, units: 1, paid: false }));
    expect(p.status).toBe(429);
    expect(p.code).toBe("too_many_reservations");
    const retryAfter = Number(p.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(p.toJSON()).toMatchObject({ retry_after_seconds: retryAfter, max_held_units_per_window: 500 });

    // Another IP, another key, a paid checkout, a secret key: all unaffected.
    await checkReservationLimits(env, { principal: pk("key_b"), clientIp: nextIp(), units: 100, paid: false });
    await checkReservationLimits(env, { principal: pk("key_c"), clientIp: from, units: 100, paid: false });
    await checkReservationLimits(env, { principal: pk("key_b"), clientIp: from, units: 100, paid: true });
    await checkReservationLimits(env, { principal: sk, clientIp: from, units: 100, paid: false });

    // The refused unit was not counted: once the window has passed the full 500 is there again.
    await env.DB.prepare("UPDATE rate_limits SET window_start = window_start - 900000").run();
    for (let i = 0; i < 5; i++) await checkReservationLimits(env, { principal: pk("key_b"), clientIp: from, units: 100, paid: false });
    expect((await refusal(checkReservationLimits(env, { principal: pk("key_b"), clientIp: from, units: 1, paid: false }))).code).toBe("too_many_reservations");
    // No IP is stored, only hashes.
    const { results } = await env.DB.prepare("SELECT bucket FROM rate_limits").all<{ bucket: string }>();
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => /^[0-9a-f]{64}$/.test(r.bucket))).toBe(true);
  });

  it("applies the merchant's settings", async () => {
    expect((await putLimits({ max_units_per_checkout: 10, max_held_units_per_window: 15, window_seconds: 60 })).status).toBe(200);
    const from = nextIp();
    expect((await refusal(checkReservationLimits(env, { principal: pk("key_d"), clientIp: from, units: 11, paid: false }))).code).toBe("checkout_too_large");
    await checkReservationLimits(env, { principal: pk("key_d"), clientIp: from, units: 10, paid: false });
    const p = await refusal(checkReservationLimits(env, { principal: pk("key_d"), clientIp: from, units: 10, paid: false }));
    expect(p.code).toBe("too_many_reservations");
    expect(Number(p.headers["retry-after"])).toBeLessThanOrEqual(60);
    await checkReservationLimits(env, { principal: pk("key_d"), clientIp: from, units: 5, paid: false });
    expect((await putLimits(DEFAULT_CHECKOUT_LIMITS)).status).toBe(200);
  });
});
