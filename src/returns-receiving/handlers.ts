import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { idempotencyScope } from "../http/idempotency";
import { decideInspection } from "./inspect";
import { receiveReturn } from "./receive";
import type * as routes from "./routes";
import { actor } from "../http/actor";


// The key's scope names the receipt, so a retry after a lost answer or a 5xx receives the units once.
export const receive: RouteHandler<typeof routes.receiveReturn, AppEnv> = async (c) =>
  c.json(await receiveReturn(c.env, c.req.valid("param").id, c.req.valid("json"), { actor: actor(c), key: idempotencyScope(c) }), 200);

export const inspect: RouteHandler<typeof routes.inspectReturn, AppEnv> = async (c) =>
  c.json(await decideInspection(c.env, c.req.valid("param").id, c.req.valid("json"), { actor: actor(c), key: idempotencyScope(c) }), 200);
