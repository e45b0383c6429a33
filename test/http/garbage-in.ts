// Nonsense in every path and query parameter of every operation in the spec: the answer is below 500, a problem+json,
// and leaks nothing internal. Split over several files (garbage-in-<n>.test.ts), each taking every n-th operation:
// requests made through the test pool get slower the more one file has made, so four short files finish far sooner
// than one long one, and they can run side by side.
import { expect, it } from "vitest";
import spec from "../../openapi/openapi.json";
import { key, raw } from "../helpers/client";

type Operation = { parameters?: { in: string; name: string }[]; requestBody?: unknown };

export const PARTS = 4;

const operations = Object.entries(spec.paths as Record<string, Record<string, Operation>>).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
);

const nonsense = ["", "0", "-1", "%00", "zzz~zzz", "9".repeat(30), "true", "[]", "'; DROP TABLE orders; --"];

export function expectNoInternals(text: string) {
  expect(text).not.toMatch(/\bat \S+ \(|\n\s+at |\.(ts|js):\d+|node_modules|src\//);
}

/** The tests for part `part` (0-based) of PARTS. */
export function garbageIn(part: number) {
  const mine = operations.filter((_, i) => i % PARTS === part);
  it.each(mine)("$method $path answers below 500 to nonsense", async ({ method, path, op }) => {
    for (const junk of nonsense) {
      const url = path.replace(/\{[^}]+\}/g, encodeURIComponent(junk || "x"));
      const query = (op.parameters ?? []).filter((p) => p.in === "query").map((p) => `${p.name}=${encodeURIComponent(junk)}`);
      const headers: Record<string, string> = { "idempotency-key": key("junk") };
      const init: RequestInit = { method, headers };
      if (op.requestBody) {
        headers["content-type"] = "application/json";
        init.body = "{}";
      }
      const res = await raw(`${url}${query.length ? `?${query.join("&")}` : ""}`, init);
      const text = await res.text();
      expect(res.status, `${method} ${url} with ${JSON.stringify(junk)}`).toBeLessThan(500);
      expectNoInternals(text);
      if (res.status >= 400) expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
  });
}
