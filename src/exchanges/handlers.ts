import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { payExchange as pay, recordExchange, showExchange } from "./flow";
import type * as routes from "./routes";
import { actor } from "../http/actor";


export const createExchange: RouteHandler<typeof routes.createExchange, AppEnv> = async (c) =>
  c.json(await recordExchange(c.env, c.req.valid("param").id, c.req.valid("json"), actor(c)), 201);

export const getExchange: RouteHandler<typeof routes.getExchange, AppEnv> = async (c) => c.json(await showExchange(c.env.DB, c.req.valid("param").id), 200);

export const payExchange: RouteHandler<typeof routes.payExchange, AppEnv> = async (c) =>
  c.json(await pay(c.env, c.req.valid("param").id, c.req.valid("json"), actor(c)), 200);
