import { expect, it } from "vitest";
import committed from "../../openapi/openapi.json";
import { raw } from "../helpers/client";

it("serves the committed OpenAPI document: run `npm run openapi` after changing a route", async () => {
  const res = await raw("/openapi.json", {}, null);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual(committed);
});

it("serves an interactive reference at /docs", async () => {
  const res = await raw("/docs", {}, null);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/html");
  expect(await res.text()).toContain("/openapi.json");
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
