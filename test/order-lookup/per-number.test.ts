// The lookup is limited per order number too (issue 9 §5): many IPs together guess one order's email no faster.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { raw } from "../helpers/client";
import { publishableKey } from "../helpers/fixtures";

let pk: string;
beforeAll(async () => {
  pk = await publishableKey();
});

let ip = 0;
const caller = () => `192.0.2.${++ip}`;
const lookUp = (number: number, email: string, from: string) =>
  raw("/v1/order-lookup", { method: "POST", headers: { "content-type": "application/json", "cf-connecting-ip": from }, body: JSON.stringify({ number, email }) }, pk);

describe("order lookup per order number", () => {
  it("allows 20 attempts per number in 10 minutes from any number of IPs, then 429 with Retry-After", async () => {
    // Twenty IPs, one guess each: no caller is near its own limit of 10.
    for (let i = 0; i < 20; i++) expect((await lookUp(777_001, `spray${i}@example.com`, caller())).status).toBe(404);
    const limited = await lookUp(777_001, "owner@example.com", caller());
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { code: string }).code).toBe("rate_limited");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    // Another number is not affected.
    expect((await lookUp(777_002, "owner@example.com", caller())).status).toBe(404);
    // No number is stored in the clear, only hashes.
    const { results } = await env.DB.prepare("SELECT bucket FROM rate_limits").all<{ bucket: string }>();
    expect(results.every((r) => /^[0-9a-f]{64}$/.test(r.bucket) && !r.bucket.includes("777001"))).toBe(true);
  });

  it("lets the number be looked up again once the window has passed", async () => {
    for (let i = 0; i < 21; i++) await lookUp(777_003, `x${i}@example.com`, caller());
    expect((await lookUp(777_003, "owner@example.com", caller())).status).toBe(429);
    await env.DB.prepare("UPDATE rate_limits SET window_start = window_start - 600000").run();
    expect((await lookUp(777_003, "owner@example.com", caller())).status).toBe(404);
  });
});
