import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { problemResponse } from "../http/errors";
import { createRouter } from "../http/router";
import { lookUp } from "./lookup";
import { countAttempt } from "./rate-limit";
import { lookUpOrder } from "./routes";

// Ten tries per caller every ten minutes: plenty for a shopper, hopeless for guessing numbers and emails.
export const LOOKUP_LIMIT = { limit: 10, windowMs: 10 * 60_000 };

const handler: RouteHandler<typeof lookUpOrder, AppEnv> = async (c) => {
  // The caller is the key and the client IP Cloudflare saw (a client cannot set cf-connecting-ip itself).
  const caller = `order-lookup\n${c.get("principal").id}\n${c.req.header("cf-connecting-ip") ?? "unknown"}`;
  const limited = await countAttempt(c.env.DB, caller, LOOKUP_LIMIT);
  if (limited) return problemResponse(c, limited.problem, { "retry-after": String(limited.retryAfterSeconds) }) as never;
  const { number, email } = c.req.valid("json");
  return c.json(await lookUp(c.env.DB, number, email), 200);
};

// Shoppers look up their own order by number and email (publishable key), rate-limited.
export const orderLookupRoutes = createRouter().openapi(lookUpOrder, handler);
