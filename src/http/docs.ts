// The API reference at /docs, complete offline: the page is Scalar's (@scalar/hono-api-reference), and its script is
// @scalar/api-reference's standalone build from node_modules, served by this Worker at /docs/scalar.js instead of a
// CDN. The script is a Text module (wrangler.toml [[rules]], vitest.config.ts modulesRules), imported on first use
// so a Node script importing the app (scripts/openapi.ts) never loads it. Default fonts come from a CDN: turned off.
import { Scalar } from "@scalar/hono-api-reference";
import { Hono } from "hono";
import type { AppEnv } from "../env";

// The installed @scalar/api-reference (package.json pins it); in the URL, so a new version is a new address and the
// old one may stay cached forever.
export const SCALAR_VERSION = "1.76.0";
export const SCALAR_SCRIPT = `/docs/scalar.js?v=${SCALAR_VERSION}`;

const loadScript = async (): Promise<string> =>
  // @ts-expect-error: a JS file imported as text (a Text module); TypeScript knows no type for it.
  (await import("../../node_modules/@scalar/api-reference/dist/browser/standalone.js")).default;

export const docsRoutes = new Hono<AppEnv>()
  .get("/docs", Scalar({ url: "/openapi.json", pageTitle: "edge-oms API", cdn: SCALAR_SCRIPT, withDefaultFonts: false }))
  .get("/docs/scalar.js", async (c) =>
    c.body(await loadScript(), 200, {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "public, max-age=31536000, immutable",
    }),
  );
