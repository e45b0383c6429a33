import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { sendRequestedMoney } from "./settle";

/**
 * After a successful order change (cancel, edit) that may have requested refunds or voids, send their jobs at once
 * rather than waiting for the cron, which sends any whose send was lost.
 */
export const sendMoneyAfterChange: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const id = c.req.param("id");
  if (c.req.method !== "POST" || c.res.status >= 300 || !id) return;
  c.executionCtx.waitUntil(sendRequestedMoney(c.env, id).catch((err) => console.warn("could not send refund jobs; the cron will", { id, error: String(err) })));
};
