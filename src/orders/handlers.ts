import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import * as payments from "./payments";
import type { capturePayment, confirmPayment, getOrder, listOrders, voidPayment } from "./routes";
import type { OrderRow } from "./store";
import { presentOrder } from "./store";

const actor = (c: { get: (k: "principal") => { id: string } }) => `api_key:${c.get("principal").id}`;

export const get: RouteHandler<typeof getOrder, AppEnv> = async (c) =>
  c.json((await payments.orderOr404(c.env.DB, c.req.valid("param").id)).view, 200);

export const list: RouteHandler<typeof listOrders, AppEnv> = async (c) => {
  const q = c.req.valid("query");
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.status) where.push("status = ?"), args.push(q.status);
  if (q.payment_status) where.push("payment_status = ?"), args.push(q.payment_status);
  if (q.cursor) where.push("id < ?"), args.push(q.cursor);
  const { results } = await c.env.DB.prepare(
    `SELECT * FROM orders ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT ?`,
  )
    .bind(...args, q.limit + 1)
    .all<OrderRow>();
  const data = results.slice(0, q.limit).map((row) => {
    const { lines: _l, payments: _p, events: _e, ...summary } = presentOrder({ row, lines: [], allocations: [], payments: [], events: [] });
    return summary;
  });
  return c.json({ data, next_cursor: results.length > q.limit ? data[data.length - 1].id : null }, 200);
};

export const confirm: RouteHandler<typeof confirmPayment, AppEnv> = async (c) =>
  c.json(await payments.confirmPayment(c.env, actor(c), c.req.valid("param").id, c.req.valid("json")), 200);

export const capture: RouteHandler<typeof capturePayment, AppEnv> = async (c) =>
  c.json(await payments.capturePayment(c.env, actor(c), c.req.valid("param").id, c.req.valid("json")), 200);

export const voidIt: RouteHandler<typeof voidPayment, AppEnv> = async (c) =>
  c.json(await payments.voidPayment(c.env, actor(c), c.req.valid("param").id, c.req.valid("json")), 200);
