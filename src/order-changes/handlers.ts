import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { cancelOrder } from "./cancel";
import { editOrder } from "./edit";
import { placeHold, releaseHold } from "./hold";
import type * as routes from "./routes";
import { actor } from "../http/actor";


export const cancel: RouteHandler<typeof routes.cancelOrder, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const order = await cancelOrder(c.env, c.req.valid("param").id, { reason: body.reason, actor: actor(c), expectedVersion: body.expected_version, lines: body.lines });
  return c.json(order, 200);
};

export const edit: RouteHandler<typeof routes.editOrder, AppEnv> = async (c) =>
  c.json(await editOrder(c.env, c.req.valid("param").id, actor(c), c.req.valid("json")), 200);

export const hold: RouteHandler<typeof routes.holdOrder, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  return c.json(await placeHold(c.env, c.req.valid("param").id, { kind: body.kind, reason: body.reason, actor: actor(c), expectedVersion: body.expected_version }), 200);
};

export const release: RouteHandler<typeof routes.releaseOrder, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  return c.json(await releaseHold(c.env, c.req.valid("param").id, { note: body.note, actor: actor(c), expectedVersion: body.expected_version }), 200);
};
