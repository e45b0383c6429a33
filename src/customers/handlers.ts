import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { eraseCustomer } from "./erase";
import { exportCustomer } from "./export";
import type * as routes from "./routes";
import { customerDetail, searchCustomers } from "./store";
import { actor } from "../http/actor";

export const list: RouteHandler<typeof routes.listCustomers, AppEnv> = async (c) => c.json(await searchCustomers(c.env.DB, c.req.valid("query")), 200);

export const get: RouteHandler<typeof routes.getCustomer, AppEnv> = async (c) => c.json(await customerDetail(c.env.DB, c.req.valid("param").id), 200);

export const exportAll: RouteHandler<typeof routes.exportCustomer, AppEnv> = async (c) =>
  c.json(await exportCustomer(c.env.DB, c.req.valid("param").id), 200);

export const erase: RouteHandler<typeof routes.eraseCustomer, AppEnv> = async (c) => {
  const customer = await eraseCustomer(c.env, actor(c), c.req.valid("param").id);
  // Ids only: personal data never goes to logs.
  console.log("customer erased", { customer_id: customer.id });
  return c.json(customer, 200);
};
