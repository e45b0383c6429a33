import type { RouteHandler } from "@hono/zod-openapi";
import { customerOr404 } from "../customers/store";
import type { AppEnv } from "../env";
import { storeCreditOf } from "./ledger";
import type * as routes from "./routes";

export const getStoreCredit: RouteHandler<typeof routes.getStoreCredit, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  await customerOr404(c.env.DB, id);
  return c.json(await storeCreditOf(c.env.DB, id), 200);
};
