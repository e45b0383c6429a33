import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { pageOf } from "../http/pagination";
import { conflict, notFound } from "../http/problem";
import type * as routes from "./routes";
import type { StockUpdate } from "./schemas";
import { requestReconcile } from "./trigger";

const COLUMNS = "id, channel_id, sku, external_sku, sequence, available, reason, status, attempts, last_status_code, last_error, sent_at, created_at, updated_at";

async function channelOf(db: D1Database, id: string) {
  const channel = await db.prepare("SELECT id, active, inventory_url FROM channels WHERE id = ?").bind(id).first<{ id: string; active: number; inventory_url: string | null }>();
  if (!channel) throw notFound("channel_not_found", "No channel has this id.");
  return channel;
}

export const listStockUpdates: RouteHandler<typeof routes.listStockUpdates, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const { limit, cursor, sku, status } = c.req.valid("query");
  await channelOf(c.env.DB, id);
  const where = ["channel_id = ?"];
  const args: unknown[] = [id];
  if (sku) where.push("sku = ?"), args.push(sku);
  if (status) where.push("status = ?"), args.push(status);
  if (cursor) where.push("id < ?"), args.push(cursor);
  const { results } = await c.env.DB.prepare(`SELECT ${COLUMNS} FROM stock_deliveries WHERE ${where.join(" AND ")} ORDER BY id DESC LIMIT ?`)
    .bind(...args, limit + 1)
    .all<StockUpdate>();
  return c.json(pageOf(results, limit, (u) => u.id, (u) => u), 200);
};

interface ListingRow {
  external_sku: string;
  sku: string;
  available: number;
  sequence: number;
  sent_available: number | null;
  sent_sequence: number;
  sent_at: number | null;
  updated_at: number;
}

export const listChannelStock: RouteHandler<typeof routes.listChannelStock, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const { limit, cursor, out_of_sync } = c.req.valid("query");
  await channelOf(c.env.DB, id);
  const where = ["channel_id = ?"];
  const args: unknown[] = [id];
  if (out_of_sync === true) where.push("sequence > sent_sequence");
  if (out_of_sync === false) where.push("sequence <= sent_sequence");
  if (cursor) where.push("external_sku > ?"), args.push(cursor);
  const { results } = await c.env.DB.prepare(
    `SELECT external_sku, sku, available, sequence, sent_available, sent_sequence, sent_at, updated_at FROM channel_stock
     WHERE ${where.join(" AND ")} ORDER BY external_sku LIMIT ?`,
  )
    .bind(...args, limit + 1)
    .all<ListingRow>();
  return c.json(pageOf(results, limit, (l) => l.external_sku, (l) => ({ ...l, in_sync: l.sent_sequence >= l.sequence })), 200);
};

export const reconcileChannelStock: RouteHandler<typeof routes.reconcileChannelStock, AppEnv> = async (c) => {
  const channel = await channelOf(c.env.DB, c.req.valid("param").id);
  if (!channel.active) throw conflict("channel_inactive", "The channel is inactive: it is told no stock.");
  if (!channel.inventory_url) throw conflict("channel_without_inventory_url", "The channel has no inventory URL to send stock to.");
  const requestedAt = Date.now();
  const reconcileId = await requestReconcile(c.env, channel.id);
  return c.json({ channel_id: channel.id, reconcile_id: reconcileId, requested_at: requestedAt }, 202);
};
