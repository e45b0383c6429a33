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
