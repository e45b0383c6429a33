import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import type * as routes from "./routes";
import { fulfillmentOr404, type FulfillmentRow, presentFulfillment, presentSummary } from "./store";
import * as moves from "./transitions";
import { actor } from "../http/actor";


export const list: RouteHandler<typeof routes.listFulfillments, AppEnv> = async (c) => {
  const q = c.req.valid("query");
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.order_id) where.push("order_id = ?"), args.push(q.order_id);
  if (q.status) where.push("status = ?"), args.push(q.status);
  if (q.location_id) where.push("location_id = ?"), args.push(q.location_id);
  if (q.cursor) where.push("id < ?"), args.push(q.cursor);
  const { results } = await c.env.DB.prepare(`SELECT * FROM fulfillments ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT ?`)
    .bind(...args, q.limit + 1)
    .all<FulfillmentRow>();
  const data = results.slice(0, q.limit).map(presentSummary);
  return c.json({ data, next_cursor: results.length > q.limit ? data[data.length - 1].id : null }, 200);
};

export const get: RouteHandler<typeof routes.getFulfillment, AppEnv> = async (c) =>
  c.json(presentFulfillment(await fulfillmentOr404(c.env.DB, c.req.valid("param").id)), 200);

export const picking: RouteHandler<typeof routes.startPicking, AppEnv> = async (c) => c.json(await moves.startPicking(c.env, actor(c), c.req.valid("param").id), 200);

export const pack: RouteHandler<typeof routes.packFulfillment, AppEnv> = async (c) =>
  c.json(await moves.pack(c.env, actor(c), c.req.valid("param").id, c.req.valid("json")), 200);

export const ship: RouteHandler<typeof routes.shipFulfillment, AppEnv> = async (c) =>
  c.json(await moves.ship(c.env, actor(c), c.req.valid("param").id, c.req.valid("json")), 200);

export const deliver: RouteHandler<typeof routes.deliverFulfillment, AppEnv> = async (c) => c.json(await moves.deliver(c.env, actor(c), c.req.valid("param").id), 200);

export const cancel: RouteHandler<typeof routes.cancelFulfillment, AppEnv> = async (c) =>
  c.json(await moves.cancel(c.env, actor(c), c.req.valid("param").id, (c.req.valid("json") as { reason?: string } | undefined)?.reason), 200);
