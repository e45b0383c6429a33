import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { problemResponse } from "../http/errors";
import { createRouter } from "../http/router";
import { lookUp } from "./lookup";
import { countAttempts } from "./rate-limit";
import { lookUpOrder } from "./routes";

// Ten tries per caller every ten minutes: plenty for a shopper, hopeless for guessing numbers and emails.
export const LOOKUP_LIMIT = { limit: 10, windowMs: 10 * 60_000 };
// Twenty tries per order number every ten minutes, whoever asks: many IPs together guess one order's email no faster.
// Every try counts, known number or not, so the limit says nothing about which numbers exist. The price: someone
// spraying one number makes its lookup answer 429 for the rest of the window, for its shopper too.
export const NUMBER_LIMIT = { limit: 20, windowMs: 10 * 60_000 };

const handler: RouteHandler<typeof lookUpOrder, AppEnv> = async (c) => {
  const { number, email } = c.req.valid("json");
  // The caller is the key and the client IP Cloudflare saw (a client cannot set cf-connecting-ip itself).
  const caller = `order-lookup\n${c.get("principal").id}\n${c.req.header("cf-connecting-ip") ?? "unknown"}`;
  const limited = await countAttempts(c.env.DB, [
    { bucket: caller, rule: LOOKUP_LIMIT },
    { bucket: `order-lookup-number\n${number}`, rule: NUMBER_LIMIT },
  ]);
  if (limited) return problemResponse(c, limited.problem, { "retry-after": String(limited.retryAfterSeconds) }) as never;
  return c.json(await lookUp(c.env.DB, number, email), 200);
};

// Shoppers look up their own order by number and email (publishable key), rate-limited.
export const orderLookupRoutes = createRouter().openapi(lookUpOrder, handler);
