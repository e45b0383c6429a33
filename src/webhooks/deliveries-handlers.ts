import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { pageOf } from "../http/pagination";
import { conflict, notFound } from "../http/problem";
import { job } from "../queues/job";
import type * as routes from "./deliveries-routes";
import type { WebhookDelivery } from "./deliveries-schemas";

const COLUMNS = "id, subscription_id, event_id, event_type, status, attempts, last_status_code, last_error, next_attempt_at, created_at, updated_at";

export const listWebhookDeliveries: RouteHandler<typeof routes.listWebhookDeliveries, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const { limit, cursor, status } = c.req.valid("query");
  const db = c.env.DB;
  if (!(await db.prepare("SELECT 1 FROM webhook_subscriptions WHERE id = ?").bind(id).first()))
    throw notFound("webhook_subscription_not_found", "No webhook subscription has this id.");
  const where = ["subscription_id = ?"];
  const args: unknown[] = [id];
  if (status) where.push("status = ?"), args.push(status);
  if (cursor) where.push("id < ?"), args.push(cursor);
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM webhook_deliveries WHERE ${where.join(" AND ")} ORDER BY id DESC LIMIT ?`)
    .bind(...args, limit + 1)
    .all<WebhookDelivery>();
  return c.json(pageOf(results, limit, (d) => d.id, (d) => d), 200);
};

export const retryWebhookDelivery: RouteHandler<typeof routes.retryWebhookDelivery, AppEnv> = async (c) => {
  const db = c.env.DB;
  const before = await db.prepare(`SELECT ${COLUMNS} FROM webhook_deliveries WHERE id = ?`).bind(c.req.valid("param").id).first<WebhookDelivery>();
  if (!before) throw notFound("webhook_delivery_not_found", "No webhook delivery has this id.");
  if (before.status === "succeeded") throw conflict("webhook_delivery_succeeded", "This delivery already succeeded; there is nothing to retry.");

  const after = await db
    .prepare(`UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = NULL, updated_at = ? WHERE id = ? AND status != 'succeeded' RETURNING ${COLUMNS}`)
    .bind(Date.now(), before.id)
    .first<WebhookDelivery>();
  if (!after) throw conflict("webhook_delivery_succeeded", "This delivery already succeeded; there is nothing to retry.");
  // A new job id per retry (the first job may be marked done already), named by the row as it was: two clicks on
  // the same state enqueue one job.
  await c.env.NOTIFICATIONS.send(job("deliver_webhook", `${before.id}:retry-${before.attempts}-${before.updated_at}`, { deliveryId: before.id }));
  return c.json(after, 202);
};
