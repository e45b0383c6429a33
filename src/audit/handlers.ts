import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { auditMoney } from "./money";
import type * as routes from "./routes";
import { auditStock } from "./stock";

export const stock: RouteHandler<typeof routes.auditStock, AppEnv> = async (c) => {
  const q = c.req.valid("query");
  return c.json(await auditStock(c.env, { sku: q.sku, locationId: q.location_id }), 200);
};

export const money: RouteHandler<typeof routes.auditMoney, AppEnv> = async (c) => {
  const q = c.req.valid("query");
  return c.json(await auditMoney(c.env, { orderId: q.order_id }), 200);
};
