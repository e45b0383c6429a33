import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { conflict, notFound, unprocessable } from "../http/problem";
import { createRouter } from "../http/router";
import { JobSchema, QUEUE_OF } from "./job";
import { listDeadLetters, redriveDeadLetter } from "./routes";

interface Row {
  id: string;
  queue: string;
  body: string;
  error: string | null;
  attempts: number;
  created_at: number;
  redriven_at: number | null;
}
const present = (r: Row) => ({ ...r, body: JSON.parse(r.body) as unknown });

const list: RouteHandler<typeof listDeadLetters, AppEnv> = async (c) => {
  const q = c.req.valid("query");
  const where = [q.cursor ? "(created_at || ':' || id) < ?" : "1", q.open === true ? "redriven_at IS NULL" : q.open === false ? "redriven_at IS NOT NULL" : "1"];
  const { results } = await c.env.DB.prepare(`SELECT * FROM dead_letters WHERE ${where.join(" AND ")} ORDER BY created_at DESC, id DESC LIMIT ?`)
    .bind(...(q.cursor ? [q.cursor] : []), q.limit + 1)
    .all<Row>();
  const data = results.slice(0, q.limit);
  const last = data[data.length - 1];
  return c.json({ data: data.map(present), next_cursor: results.length > q.limit ? `${last.created_at}:${last.id}` : null }, 200);
};

const redrive: RouteHandler<typeof redriveDeadLetter, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const row = await c.env.DB.prepare("SELECT * FROM dead_letters WHERE id = ?").bind(id).first<Row>();
  if (!row) throw notFound("dead_letter_not_found", `No dead letter has the id ${id}.`);
  if (row.redriven_at) throw conflict("already_redriven", "This job was sent back already; it dies here again only if it fails again.");
  const job = JobSchema.safeParse(JSON.parse(row.body));
  if (!job.success) throw unprocessable("not_redrivable", "This message was never a job; there is nothing to send back.");
  // Marked first: a second redrive racing this one finds it taken. If the send fails the mark is undone.
  const taken = await c.env.DB.prepare("UPDATE dead_letters SET redriven_at = ? WHERE id = ? AND redriven_at IS NULL").bind(Date.now(), id).run();
  if (!taken.meta.changes) throw conflict("already_redriven", "This job was sent back already.");
  try {
    await c.env[QUEUE_OF[job.data.type]].send(job.data);
  } catch (err) {
    await c.env.DB.prepare("UPDATE dead_letters SET redriven_at = NULL WHERE id = ?").bind(id).run();
    throw err;
  }
  return c.json(present((await c.env.DB.prepare("SELECT * FROM dead_letters WHERE id = ?").bind(id).first<Row>())!), 200);
};

export const deadLetterRoutes = createRouter().openapi(listDeadLetters, list).openapi(redriveDeadLetter, redrive);
