// The deliveries a channel pushed: listed (failed ones first to fix), read with their raw payload, replayed.
import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { pageOf } from "../http/pagination";
import { conflict, notFound } from "../http/problem";
import type { ChannelEventRow } from "../ingest/job";
import type * as routes from "./routes";
import { channelOr404 } from "./store";
import { sendIngestJob } from "./webhook";

const present = (e: ChannelEventRow) => ({
  id: e.id,
  channel_id: e.channel_id,
  delivery_id: e.delivery_id,
  topic: e.topic,
  status: e.status,
  outcome: e.outcome,
  error: e.error,
  external_id: e.external_id,
  order_id: e.order_id,
  attempts: e.attempts,
  received_at: e.received_at,
  processed_at: e.processed_at,
});

async function eventOr404(db: D1Database, channelId: string, eventId: string) {
  await channelOr404(db, channelId);
  const row = await db.prepare("SELECT * FROM channel_events WHERE id = ? AND channel_id = ?").bind(eventId, channelId).first<ChannelEventRow>();
  if (!row) throw notFound("channel_event_not_found", `The channel has no delivery ${eventId}.`);
  return row;
}

export const listChannelEvents: RouteHandler<typeof routes.listChannelEvents, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const { limit, cursor, status } = c.req.valid("query");
  await channelOr404(c.env.DB, id);
  const { results } = await c.env.DB.prepare(
    `SELECT id, channel_id, delivery_id, topic, status, outcome, error, external_id, order_id, attempts, received_at, processed_at
     FROM channel_events WHERE channel_id = ?1 AND (?2 IS NULL OR status = ?2) AND (?3 IS NULL OR id < ?3) ORDER BY id DESC LIMIT ?4`,
  )
    .bind(id, status ?? null, cursor ?? null, limit + 1)
    .all<ChannelEventRow>();
  return c.json(pageOf(results, limit, (e) => e.id, present), 200);
};

export const getChannelEvent: RouteHandler<typeof routes.getChannelEvent, AppEnv> = async (c) => {
  const { id, event_id } = c.req.valid("param");
  const e = await eventOr404(c.env.DB, id, event_id);
  return c.json({ ...present(e), headers: JSON.parse(e.headers) as Record<string, string>, payload: e.body }, 200);
};

export const replayChannelEvent: RouteHandler<typeof routes.replayChannelEvent, AppEnv> = async (c) => {
  const { id, event_id } = c.req.valid("param");
  const db = c.env.DB;
  const e = await eventOr404(db, id, event_id);
  if (e.status === "processed") throw conflict("channel_event_processed", "This delivery was processed already; its order is there.");
  await db.prepare("UPDATE channel_events SET status = 'received', error = NULL, outcome = NULL WHERE id = ?").bind(e.id).run();
  // A new job id: the queue remembers the ids it has done, and this is new work on the same delivery.
  await sendIngestJob(c.env, e.id, `${e.id}:replay:${e.attempts}`);
  return c.json(present({ ...e, status: "received", error: null, outcome: null }), 202);
};
