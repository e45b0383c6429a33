import type { RouteHandler, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { pageOf } from "../http/pagination";
import type { listNotifications as route, Notification } from "./routes";

type Row = Omit<z.infer<typeof Notification>, "to"> & { recipient: string };

export const listNotifications: RouteHandler<typeof route, AppEnv> = async (c) => {
  const { limit, cursor, order_id } = c.req.valid("query");
  const where: string[] = [];
  const args: unknown[] = [];
  if (order_id) where.push("order_id = ?"), args.push(order_id);
  if (cursor) where.push("id < ?"), args.push(cursor);
  const { results } = await c.env.DB.prepare(
    `SELECT id, order_id, kind, recipient, subject, body, channel, status, attempts, last_error, created_at, sent_at FROM notifications
     ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT ?`,
  )
    .bind(...args, limit + 1)
    .all<Row>();
  return c.json(pageOf(results, limit, (n) => n.id, ({ recipient, ...n }) => ({ ...n, to: recipient })), 200);
};
