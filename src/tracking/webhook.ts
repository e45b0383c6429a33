// Tracking webhooks in: the provider's proof over the raw body (or Shippo's URL token) is the only authentication.
// Providers retry anything but a 2xx, so a well-signed event about a tracking number no shipment has is acknowledged
// (202, kept as unmatched) rather than refused: a retry could never make it match. A bad signature is 401.
import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { relaySoon } from "../events/relay";
import { Problem } from "../http/problem";
import { TRACKING_PROVIDERS } from "./providers";
import type { TrackingUpdate } from "./providers/provider";
import { recordTracking } from "./record";
import type * as routes from "./routes";
import { webhookSecretOf } from "./secrets";

export const receiveTrackingWebhook: RouteHandler<typeof routes.receiveTrackingWebhook, AppEnv> = async (c) => {
  const { provider: name } = c.req.valid("param");
  const provider = TRACKING_PROVIDERS[name];
  const secret = await webhookSecretOf(c.env.DB, name);
  if (!secret) throw new Problem(503, "tracking_webhook_not_configured", "Service unavailable", `No webhook secret is set for ${name}.`);
  const body = new TextDecoder().decode(await c.req.arrayBuffer());
  if (!(await provider.verify({ headers: c.req.raw.headers, url: new URL(c.req.url), body }, secret)))
    throw new Problem(401, "invalid_signature", "Unauthorized", `The request does not carry a valid ${name} signature.`);
  let updates: TrackingUpdate[];
  try {
    updates = provider.parse(JSON.parse(body));
  } catch (err) {
    throw new Problem(400, "malformed_event", "Bad request", `The ${name} event cannot be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!updates.length) return c.json({ outcome: "ignored" as const, recorded: 0, fulfillment_id: null }, 200);
  let recorded = 0;
  let fulfillmentId: string | null = null;
  for (const u of updates) {
    const outcome = await recordTracking(c.env, name, u.ref, u.events);
    recorded += outcome.recorded;
    fulfillmentId ??= outcome.fulfillmentId;
  }
  // Out for delivery, delivered, exception: their events go to the queue now rather than at the next cron.
  if (recorded) relaySoon(c.env, (p) => c.executionCtx.waitUntil(p));
  if (!fulfillmentId) return c.json({ outcome: "unmatched" as const, recorded, fulfillment_id: null }, 202);
  return c.json({ outcome: recorded ? ("recorded" as const) : ("duplicate" as const), recorded, fulfillment_id: fulfillmentId }, 200);
};
