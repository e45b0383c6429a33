import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import type * as routes from "./routes";
import { checkoutLimits, forgetCheckoutLimits, saveCheckoutLimits } from "./settings";

export const get: RouteHandler<typeof routes.getCheckoutLimits, AppEnv> = async (c) => {
  forgetCheckoutLimits(); // staff read what is stored, not this isolate's copy
  return c.json(await checkoutLimits(c.env.DB), 200);
};

export const put: RouteHandler<typeof routes.putCheckoutLimits, AppEnv> = async (c) => c.json(await saveCheckoutLimits(c.env.DB, c.req.valid("json")), 200);
