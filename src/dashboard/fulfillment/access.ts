// Every fulfillment page under /admin/fulfillment/:locationId is for people who work there. The API's scopes say what
// a role may do, not where (a warehouse user's key-equivalent holds orders:write everywhere), so the location is
// checked here, before any page is drawn or any move is posted.
import type { MiddlewareHandler } from "hono";
import type { DashEnv } from "../shell/env";
import { mayWorkAt } from "../shell/guard";
import { forbiddenPage } from "../shell/layout";

export const atOwnLocation: MiddlewareHandler<DashEnv> = async (c, next) => {
  if (!mayWorkAt(c.get("staff"), c.req.param("locationId") ?? "")) return forbiddenPage(c);
  await next();
};
