// The shoppers' Worker: what a storefront calls on every page and every order (availability, checkout, order lookup)
// with its publishable key, served here; everything else is handed to the OMS Worker (src/index.ts) through the OMS
// service binding, unchanged. So checkout runs in a Worker that loads none of the admin API, the dashboard, the
// channels or the jobs (bench/README.md: its size and its startup), and one hostname still serves the whole API.
//
// Only publishable-key requests stay here: a secret key is the merchant's server, which is rarer and may do more, and
// the OMS Worker holds the secrets that go with it (the bootstrap key, payment providers'). None of them live here.
// The routes are the same modules the OMS Worker mounts, so both answer a storefront request the same way.
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { availabilityRoutes } from "../availability";
import { checkoutRoutes } from "../checkout";
import { devRoutes } from "../dev/floor";
import type { AppEnv } from "../env";
import { onError } from "../http/errors";
import { healthRoutes } from "../http/health";
import { Problem } from "../http/problem";
import { createRouter } from "../http/router";
import { orderLookupRoutes } from "../order-lookup";

// The storefront's hot paths. Other storefront routes (self-service returns, return labels) are rare: the OMS serves them.
const SERVED_HERE = new Set(["/v1/availability", "/v1/checkouts", "/v1/order-lookup"]);
// What every caller may reach here without a key: the health check, and the bench's floor in development.
const OPEN_HERE = new Set(["/health", "/dev/floor"]);

const publishable = (authorization: string | undefined) => /^Bearer\s+pk_/i.test(authorization ?? "");

/** The OMS Worker, bound as OMS (src/storefront-worker/wrangler.toml). */
const oms = (env: AppEnv["Bindings"]) => (env as AppEnv["Bindings"] & { OMS: Fetcher }).OMS;

/** Hands the request to the OMS Worker unless this Worker serves it. */
const servedHereOrForwarded: MiddlewareHandler<AppEnv> = async (c, next) => {
  const path = c.req.path;
  if (OPEN_HERE.has(path) || (SERVED_HERE.has(path) && publishable(c.req.header("authorization")))) return next();
  return oms(c.env).fetch(c.req.raw);
};

// The OMS Worker's limit (src/app.ts), for the same answer to the same body.
const MAX_BODY_BYTES = 1024 * 1024;

export function createStorefrontApp() {
  const app = createRouter();
  app.onError(onError);
  app.use("*", servedHereOrForwarded);
  app.use(
    "*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new Problem(413, "payload_too_large", "Payload too large", `Bodies are limited to ${MAX_BODY_BYTES} bytes.`);
      },
    }),
  );
  app.route("/", healthRoutes);
  app.route("/", availabilityRoutes);
  app.route("/", checkoutRoutes);
  app.route("/", orderLookupRoutes);
  app.route("/", devRoutes);
  // A method this Worker does not serve on one of its paths: the OMS knows the whole API and answers it (405, Allow).
  app.notFound((c) => oms(c.env).fetch(c.req.raw));
  return app;
}
