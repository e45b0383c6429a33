// Cron step: a 3PL request not confirmed by its deadline raises one alert (the table's unique shipment keeps it to
// one, however often the cron runs) and emits `fulfillment.third_party_overdue`. A shipment that was cancelled or
// has shipped meanwhile raises nothing.
import { isUniqueViolation } from "../db/errors";
import { prepareAll, type Sql, sql } from "../db/sql";
import { newId } from "../domain/ids";
import type { Env } from "../env";
import { outboxSql } from "../events/emit";

export async function raiseOverdueRequests(env: Env, now = Date.now()): Promise<{ raised: number }> {
  const { results } = await env.DB.prepare(
    `SELECT r.fulfillment_id, r.location_id, r.confirm_by, r.status, f.order_id FROM third_party_requests r JOIN fulfillments f ON f.id = r.fulfillment_id
     WHERE r.status <> 'confirmed' AND r.confirm_by <= ? AND f.status NOT IN ('cancelled', 'shipped', 'delivered')
       AND NOT EXISTS (SELECT 1 FROM third_party_alerts a WHERE a.fulfillment_id = r.fulfillment_id)
     ORDER BY r.confirm_by LIMIT 100`,
  )
    .bind(now)
    .all<{ fulfillment_id: string; location_id: string; confirm_by: number; status: string; order_id: string }>();
  let raised = 0;
  for (const r of results) {
    // The alert and its event together, and only if this run is the one that raised it.
    const statements: Sql[] = [
      sql(
        "INSERT INTO third_party_alerts (id, fulfillment_id, location_id, kind, confirm_by, raised_at) VALUES (?, ?, ?, 'unconfirmed', ?, ?)",
        newId("tpa", now),
        r.fulfillment_id,
        r.location_id,
        r.confirm_by,
        now,
      ),
      outboxSql("fulfillment.third_party_overdue", { fulfillment_id: r.fulfillment_id, order_id: r.order_id, location_id: r.location_id, confirm_by: r.confirm_by, request_status: r.status }, r.order_id, now),
    ];
    try {
      await env.DB.batch(prepareAll(env.DB, statements));
      raised++;
    } catch (err) {
      // Another run raised it first (unique fulfillment_id): once is enough.
      if (!isUniqueViolation(err)) throw err;
    }
  }
  return { raised };
}

export async function listAlerts(db: D1Database, q: { limit: number; cursor?: string; location_id?: string }) {
  const where = ["1 = 1"];
  const args: unknown[] = [];
  if (q.location_id) where.push("a.location_id = ?"), args.push(q.location_id);
  if (q.cursor) where.push("a.id < ?"), args.push(q.cursor);
  const { results } = await db
    .prepare(
      `SELECT a.id, a.kind, a.fulfillment_id, f.order_id, a.location_id, a.confirm_by, a.raised_at, r.status AS request_status, r.attempts, r.last_error
       FROM third_party_alerts a JOIN fulfillments f ON f.id = a.fulfillment_id JOIN third_party_requests r ON r.fulfillment_id = a.fulfillment_id
       WHERE ${where.join(" AND ")} ORDER BY a.id DESC LIMIT ?`,
    )
    .bind(...args, q.limit + 1)
    .all<{ id: string; kind: "unconfirmed"; fulfillment_id: string; order_id: string; location_id: string; confirm_by: number; raised_at: number; request_status: "pending" | "sending" | "sent" | "failed" | "confirmed"; attempts: number; last_error: string | null }>();
  const data = results.slice(0, q.limit);
  return { data, next_cursor: results.length > q.limit ? data[data.length - 1].id : null };
}
