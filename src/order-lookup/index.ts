import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { problemResponse } from "../http/errors";
import { createRouter } from "../http/router";
import { lookUp } from "./lookup";
import { lookupAttempts } from "./limits";
import { countAttempts } from "./rate-limit";
import { lookUpOrder } from "./routes";

const handler: RouteHandler<typeof lookUpOrder, AppEnv> = async (c) => {
  const { number, email } = c.req.valid("json");
  const limited = await countAttempts(c.env.DB, lookupAttempts(c.get("principal").id, c.req.header("cf-connecting-ip"), number));
  if (limited) return problemResponse(c, limited.problem, { "retry-after": String(limited.retryAfterSeconds) }) as never;
  return c.json(await lookUp(c.env.DB, number, email, c.env.PUBLIC_URL), 200);
};

// Shoppers look up their own order by number and email (publishable key), rate-limited.
export const orderLookupRoutes = createRouter().openapi(lookUpOrder, handler);
