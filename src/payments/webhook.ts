// The edge of provider webhooks: the signature over the raw body is the only authentication; each event id is applied
// once (payment_events), and what it did is kept. Refusals that a retry cannot fix (an amount that is not the order's,
// an unknown order) are acknowledged with their outcome, not answered 4xx: the provider would only retry for days.
import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { notFound, Problem } from "../http/problem";
import { applyEvent } from "./apply";
import { providerNamed } from "./providers";
import type * as routes from "./routes";

// A delivery still 'processing' after this long died with its worker: its retry may take it over.
const TAKEOVER_MS = 60_000;

const refusedSignature = (code: string, detail: string) => new Problem(400, code, "Bad request", detail);

export const receivePaymentWebhook: RouteHandler<typeof routes.receivePaymentWebhook, AppEnv> = async (c) => {
  const { provider: name } = c.req.valid("param");
  const provider = providerNamed(name);
  if (!provider) throw notFound("payment_provider_not_found", `No payment provider is called ${name}.`);
  const body = new TextDecoder().decode(await c.req.arrayBuffer());
  const check = await provider.readWebhook(c.env, c.req.raw.headers, body);
  if (!check.ok) {
    if (check.reason === "not_configured") throw new Problem(503, "payment_provider_not_configured", "Service unavailable", check.detail);
    if (check.reason === "timestamp_outside_tolerance") throw refusedSignature("stale_signature", check.detail);
    if (check.reason === "malformed") throw refusedSignature("malformed_event", check.detail);
    throw refusedSignature("invalid_signature", check.detail);
  }
  const event = check.event;
  const db = c.env.DB;
  const now = Date.now();
  const claimed = await db
    .prepare(
      `INSERT INTO payment_events (provider, event_id, type, order_id, outcome, received_at) VALUES (?1, ?2, ?3, ?4, 'processing', ?5)
       ON CONFLICT (provider, event_id) DO UPDATE SET outcome = 'processing', received_at = ?5
       WHERE payment_events.outcome = 'error' OR (payment_events.outcome = 'processing' AND payment_events.received_at < ?6)
       RETURNING event_id`,
    )
    .bind(name, event.id.slice(0, 200), event.type.slice(0, 100), event.orderId, now, now - TAKEOVER_MS)
    .first();
  if (!claimed) {
    const seen = await db
      .prepare("SELECT outcome, order_id FROM payment_events WHERE provider = ? AND event_id = ?")
      .bind(name, event.id.slice(0, 200))
      .first<{ outcome: string; order_id: string | null }>();
    return c.json({ event_id: event.id, outcome: seen?.outcome ?? "processing", order_id: seen?.order_id ?? null, duplicate: true }, 200);
  }
  let applied;
  try {
    applied = await applyEvent(c.env, name, event);
  } catch (err) {
    // Marked for the provider's retry to take over at once; the answer is a 5xx, so the provider retries.
    await db.prepare("UPDATE payment_events SET outcome = 'error', detail = ? WHERE provider = ? AND event_id = ?").bind(String(err).slice(0, 300), name, event.id.slice(0, 200)).run();
    throw err;
  }
  await db
    .prepare("UPDATE payment_events SET outcome = ?, order_id = ?, detail = ? WHERE provider = ? AND event_id = ?")
    .bind(applied.outcome, applied.orderId, applied.detail?.slice(0, 500) ?? null, name, event.id.slice(0, 200))
    .run();
  return c.json({ event_id: event.id, outcome: applied.outcome, order_id: applied.orderId, duplicate: false, ...(applied.detail ? { detail: applied.detail } : {}) }, 200);
};
