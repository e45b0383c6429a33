// The conventions every route shares: problem+json errors with stable codes, 404/405/413/415, validation, auth.
import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { describe, expect, it, vi } from "vitest";
import { onError } from "../../src/http/errors";
import { cellOf } from "../../src/inventory/cells";
import { key, raw } from "../helpers/client";
import { makeLocation, makeProduct } from "../helpers/fixtures";
import { expectNoInternals } from "./garbage-in";

const MIB = 1024 * 1024;

/** Asserts an RFC 9457 answer with this status and code, and that nothing internal leaked into it. */
async function expectProblem(res: Response, status: number, code: string) {
  const text = await res.text();
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expectNoInternals(text);
  const body = JSON.parse(text);
  expect(body).toMatchObject({ type: `https://edge-oms.dev/problems/${code}`, status, code });
  return body as { errors?: { field: string; message: string }[] };
}

const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

const postJson = (path: string, body: string, headers: Record<string, string> = {}) =>
  raw(path, { method: "POST", body, headers: { "content-type": "application/json", "idempotency-key": key(), ...headers } });

describe("routing", () => {
  it("answers 404 route_not_found for a path nobody serves", async () => {
    await expectProblem(await raw("/v1/nothing-here"), 404, "route_not_found");
  });

  it("answers 404 for an unknown path even without a key", async () => {
    await expectProblem(await raw("/v2/checkouts", {}, null), 404, "route_not_found");
  });

  it("answers 405 method_not_allowed with Allow for PUT /v1/checkouts", async () => {
    const res = await raw("/v1/checkouts", { method: "PUT", body: "{}", headers: { "content-type": "application/json" } });
    expect(res.headers.get("allow")).toBe("POST");
    await expectProblem(res, 405, "method_not_allowed");
  });

  it("answers 405 with Allow for DELETE /v1/inventory/levels", async () => {
    const res = await raw("/v1/inventory/levels", { method: "DELETE" });
    expect(res.headers.get("allow")).toBe("GET");
    await expectProblem(res, 405, "method_not_allowed");
  });

  it("matches known paths literally: a dot is not a wildcard", async () => {
    await expectProblem(await raw("/openapi.json", { method: "POST" }), 405, "method_not_allowed");
    await expectProblem(await raw("/openapi-json", { method: "POST" }), 404, "route_not_found");
  });

  it("answers 404 for a known path with a trailing slash or an extra segment", async () => {
    await expectProblem(await raw("/v1/inventory/levels/extra", { method: "DELETE" }), 404, "route_not_found");
    await expectProblem(await raw("/v1/locations/a/b/inventory/SKU", { method: "DELETE" }), 404, "route_not_found");
  });

  it("lists every method a parameterised path serves in Allow", async () => {
    const res = await raw("/v1/locations/loc_x/inventory/SKU-1", { method: "DELETE" });
    expect(res.headers.get("allow")!.split(", ").sort()).toEqual(["GET", "PATCH"]);
    await expectProblem(res, 405, "method_not_allowed");
  });
});

describe("bodies", () => {
  it("refuses a body over 1 MiB with 413 payload_too_large and moves no stock", async () => {
    const loc = await makeLocation("berlin");
    const [sku] = await makeProduct([100]);
    const idem = key("big");
    const body = JSON.stringify({ sku, location_id: loc, kind: "receive", quantity: 5, reason: "other", note: "x".repeat(MIB) });
    await expectProblem(await postJson("/v1/inventory/movements", body, { "idempotency-key": idem }), 413, "payload_too_large");
    expect(await cellOf(env, sku, loc).snapshot()).toMatchObject({ onHand: 0, version: 0 });
    const claimed = await env.DB.prepare("SELECT COUNT(*) AS n FROM idempotency_keys WHERE key = ?").bind(idem).first<{ n: number }>();
    expect(claimed!.n).toBe(0);
  });

  it("refuses a streamed body over 1 MiB that has no Content-Length", async () => {
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 20) controller.enqueue(chunk);
        else controller.close();
      },
    });
    // workerd logs "Network connection lost" when the worker stops reading the rest of the stream: expected here.
    const res = await raw("/v1/checkouts", { method: "POST", body: stream, headers: { "content-type": "application/json", "idempotency-key": key() } });
    await expectProblem(res, 413, "payload_too_large");
  });

  it("answers 400 malformed_json for JSON that does not parse", async () => {
    const body = await expectProblem(await postJson("/v1/inventory/movements", '{"sku": "A",'), 400, "malformed_json");
    expect(fields(body)).toEqual(["body"]);
  });

  it("answers 415 unsupported_media_type for a text/plain body", async () => {
    const res = await raw("/v1/inventory/movements", {
      method: "POST",
      body: JSON.stringify({ sku: "A", location_id: "l", kind: "receive", quantity: 1, reason: "found" }),
      headers: { "content-type": "text/plain", "idempotency-key": key() },
    });
    await expectProblem(res, 415, "unsupported_media_type");
  });

  it("answers 415 for a body sent without any content-type", async () => {
    const res = await raw("/v1/api-keys", { method: "POST", body: new TextEncoder().encode('{"kind":"publishable","name":"x"}') });
    await expectProblem(res, 415, "unsupported_media_type");
  });

  it.each([
    ["a JSON array", "[1, 2]"],
    ["a JSON string", '"hello"'],
    ["null", "null"],
    ["a number", "42"],
  ])("answers 400 validation_failed naming the body for %s where an object is expected", async (_name, body) => {
    const problem = await expectProblem(await postJson("/v1/inventory/movements", body), 400, "validation_failed");
    expect(fields(problem)).toEqual(["body"]);
  });

  it("names every bad field of an object body", async () => {
    const problem = await expectProblem(await postJson("/v1/inventory/movements", JSON.stringify({ sku: "bad sku!", quantity: "1", extra: 1 })), 400, "validation_failed");
    expect(fields(problem)).toEqual(expect.arrayContaining(["body.sku", "body.location_id", "body.kind", "body.quantity", "body.reason", "body.extra"]));
  });
});

describe("query strings", () => {
  it.each(["0", "10000", "abc", "1.5", "-1", ""])("answers 400 naming query.limit for limit=%s", async (limit) => {
    const problem = await expectProblem(await raw(`/v1/inventory/levels?limit=${limit}`), 400, "validation_failed");
    expect(fields(problem)).toEqual(["query.limit"]);
  });

  it("names query.limit on other paginated routes too", async () => {
    for (const path of ["/v1/orders", "/v1/api-keys", "/v1/products", "/v1/locations", "/v1/locations/l/inventory/S/ledger"]) {
      const problem = await expectProblem(await raw(`${path}?limit=0`), 400, "validation_failed");
      expect(fields(problem)).toContain("query.limit");
    }
  });

  it("names a query enum that is not one of its values", async () => {
    const problem = await expectProblem(await raw("/v1/inventory/levels?low_stock=yes"), 400, "validation_failed");
    expect(fields(problem)).toEqual(["query.low_stock"]);
  });
});

describe("authentication", () => {
  it.each([
    ["no Authorization header", null, "missing_api_key"],
    ["a Basic credential", "Basic dXNlcjpwYXNz", "missing_api_key"],
    ["Bearer without a key", "Bearer ", "missing_api_key"],
    ["an unknown key", "Bearer sk_unknown_key", "invalid_api_key"],
    ["a key of 10 000 characters", `Bearer sk_${"a".repeat(10_000)}`, "invalid_api_key"],
  ])("answers 401 for %s", async (_name, authorization, code) => {
    const res = await raw("/v1/inventory/levels", { headers: authorization ? { authorization } : {} }, null);
    await expectProblem(res, 401, code);
  });

  it("checks the key before it looks at the body", async () => {
    const res = await raw("/v1/inventory/movements", { method: "POST", body: "{oops", headers: { "content-type": "application/json" } }, null);
    await expectProblem(res, 401, "missing_api_key");
  });
});

describe("unexpected errors", () => {
  it("answer 500 internal_error without the message, SQL or stack of the error", async () => {
    const app = new Hono().onError(onError);
    app.get("/boom", () => {
      throw new Error("D1_ERROR: no such column: secret_col in SELECT * FROM api_keys");
    });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await app.request("/boom");
    logged.mockRestore();
    const body = await expectProblem(res, 500, "internal_error");
    expect(JSON.stringify(body)).not.toMatch(/D1_ERROR|secret_col|api_keys/);
  });
});

// Every documented operation, fed nonsense by a caller allowed to call it (the answer may be a refusal, never a
// crash): test/http/garbage-in-*.test.ts.
