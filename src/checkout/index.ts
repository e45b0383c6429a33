import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { claimOf, idempotencyScope } from "../http/idempotency";
import { createRouter } from "../http/router";
import { createCheckout } from "./routes";
import { placeCheckout } from "./service";

const checkout: RouteHandler<typeof createCheckout, AppEnv> = async (c) => {
  const order = await placeCheckout(
    {
      env: c.env,
      principal: c.get("principal"),
      checkoutKey: idempotencyScope(c)!,
      claim: claimOf(c),
      waitUntil: (p) => c.executionCtx.waitUntil(p),
      clientIp: c.req.header("cf-connecting-ip"),
    },
    c.req.valid("json"),
  );
  return c.json(order, 201);
};

export const checkoutRoutes = createRouter().openapi(createCheckout, checkout);
