import { expect, it } from "vitest";
import committed from "../../openapi/openapi.json";
import { SCALAR_SCRIPT } from "../../src/http/docs";
import { raw } from "../helpers/client";

it("serves the committed OpenAPI document: run `npm run openapi` after changing a route", async () => {
  const res = await raw("/openapi.json", {}, null);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual(committed);
});

it("serves an interactive reference at /docs that loads nothing from another host", async () => {
  const res = await raw("/docs", {}, null);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/html");
  const html = await res.text();
  expect(html).toContain("/openapi.json");
  // Offline means no absolute URL at all: no CDN script, no web fonts.
  expect(html.match(/(?:https?:)?\/\/[a-z0-9.-]+/gi) ?? []).toEqual([]);
  const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
  expect(scripts).toEqual([SCALAR_SCRIPT]);
});

it("serves the reference's script itself, as cacheable JavaScript", async () => {
  const res = await raw(SCALAR_SCRIPT, {}, null);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
  expect(res.headers.get("cache-control")).toContain("immutable");
  const js = await res.text();
  // The standalone build defines the global the page calls.
  expect(js.length).toBeGreaterThan(100_000);
  expect(js).toContain("createApiReference");
});

// What src/http/openapi-document.ts rewrites must not come back: each shape made some valid answer invalid.
it("declares nullable references as anyOf with null, and composes no closed schema with allOf", () => {
  const schemas = committed.components.schemas as Record<string, { additionalProperties?: unknown }>;
  const found: string[] = [];
  const walk = (node: unknown, at: string) => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${at}/${i}`));
    if (typeof node !== "object" || node === null) return;
    const all = (node as { allOf?: { $ref?: string; type?: unknown }[] }).allOf ?? [];
    for (const member of all) {
      if (Array.isArray(member.type) && member.type.includes("null")) found.push(`${at}: allOf with a nullable member`);
      const ref = member.$ref?.replace("#/components/schemas/", "");
      if (ref && schemas[ref]?.additionalProperties === false) found.push(`${at}: allOf over closed ${ref}`);
    }
    for (const [k, v] of Object.entries(node)) walk(v, `${at}/${k}`);
  };
  walk(committed, "#");
  expect(found).toEqual([]);
});

// Redocly (npm test) checks each example against its schema; this checks none is missing.
it("gives every request body an example", () => {
  const missing = Object.entries(committed.paths as Record<string, Record<string, { requestBody?: { content: Record<string, object> } }>>)
    .flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })))
    .flatMap(({ name, op }) => Object.entries(op.requestBody?.content ?? {}).filter(([, media]) => !("example" in media)).map(([type]) => `${name} ${type}`));
  expect(missing).toEqual([]);
});
