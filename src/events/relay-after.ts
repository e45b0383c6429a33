import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { relaySoon } from "./relay";

/**
 * After a successful change (payment confirmed or voided, a fulfillment shipped or delivered…), hand its outbox events
 * to the queue right away instead of waiting for the cron's relay. Checkout does not: its events ride with the
 * fulfillment job, or the cron, to keep the storefront's hot path short.
 */
export const relayAfterChange: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (c.req.method === "POST" && c.res.status < 300) relaySoon(c.env, (p) => c.executionCtx.waitUntil(p));
};
