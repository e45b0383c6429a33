// The API reference at /docs, complete offline: the page is Scalar's (@scalar/hono-api-reference), and its script is
// @scalar/api-reference's standalone build from node_modules, served as a static asset at /docs/scalar.js instead of
// a CDN (wrangler.toml [assets], copied there on `npm install`). Default fonts come from a CDN: turned off.
import { Scalar } from "@scalar/hono-api-reference";
import { Hono } from "hono";
import type { AppEnv } from "../env";

// The installed @scalar/api-reference (package.json pins it); in the URL, so a new version is a new address and the
// old one may stay cached forever.
export const SCALAR_VERSION = "1.76.0";
export const SCALAR_SCRIPT = `/docs/scalar.js?v=${SCALAR_VERSION}`;

export const docsRoutes = new Hono<AppEnv>()
  .get("/docs", Scalar({ url: "/openapi.json", pageTitle: "edge-oms API", cdn: SCALAR_SCRIPT, withDefaultFonts: false }))
  // Deployed, the asset layer answers this path before the Worker runs; this is the same file for a request that
  // reaches the Worker itself.
  .get("/docs/scalar.js", async (c) => {
    const file = await c.env.ASSETS.fetch(new URL("/docs/scalar.js", c.req.url));
    if (!file.ok) return file;
    return new Response(file.body, { headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "public, max-age=31536000, immutable" } });
  });
