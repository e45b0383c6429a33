import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import type * as routes from "./routes";
import { returnPolicy, saveReturnPolicy } from "./settings";

export const get: RouteHandler<typeof routes.getReturnPolicy, AppEnv> = async (c) => c.json(await returnPolicy(c.env.DB), 200);

export const put: RouteHandler<typeof routes.putReturnPolicy, AppEnv> = async (c) => c.json(await saveReturnPolicy(c.env.DB, c.req.valid("json")), 200);
