import type { MiddlewareHandler } from "hono";
import { canOpen, type Screen } from "../../staff/roles";
import type { DashEnv } from "./env";
import { forbiddenPage } from "./layout";

/** The screen only for the roles that may open it (roles.ts); others get a 403 page. */
export const screen =
  (name: Screen): MiddlewareHandler<DashEnv> =>
  async (c, next) => {
    if (!canOpen(c.get("staff").role, name)) return forbiddenPage(c);
    await next();
  };

/** A warehouse user works only at their own locations; everyone else everywhere. */
export const mayWorkAt = (staff: { locations: string[] | null }, locationId: string) => !staff.locations || staff.locations.includes(locationId);
