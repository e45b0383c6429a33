import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { pageOf } from "../http/pagination";
import { notFound, unprocessable } from "../http/problem";
import type * as routes from "./routes";
import type { WebhookEventName } from "./schemas";
import * as store from "./store";
import type { WebhookSubscriptionRow } from "./store";
import { checkWebhookUrl } from "./url-policy";

const present = (s: WebhookSubscriptionRow) => ({
  id: s.id,
  url: s.url,
  // Only this API writes the column, and it writes only known events.
  events: s.events as WebhookEventName[],
  active: s.active,
  secret_prefix: `${s.secret.slice(0, 9)}…`,
  created_at: s.createdAt,
  updated_at: s.updatedAt,
});

const subscriptionNotFound = () => notFound("webhook_subscription_not_found", "No webhook subscription has this id.");

/** The canonical URL, or a 422 saying why it may not be called. */
function allowedUrl(url: string, environment: string) {
  const verdict = checkWebhookUrl(url, environment);
  if (!verdict.ok)
    throw unprocessable("webhook_url_not_allowed", verdict.reason, { errors: [{ field: "body.url", message: verdict.reason }] });
  return verdict.url;
}

export const createWebhookSubscription: RouteHandler<typeof routes.createWebhookSubscription, AppEnv> = async (c) => {
  const input = c.req.valid("json");
  const row = await store.createSubscription(c.env.DB, { ...input, url: allowedUrl(input.url, c.env.ENVIRONMENT) });
  return c.json({ ...present(row), secret: row.secret }, 201);
};

export const listWebhookSubscriptions: RouteHandler<typeof routes.listWebhookSubscriptions, AppEnv> = async (c) => {
  const { limit, cursor } = c.req.valid("query");
  return c.json(pageOf(await store.listSubscriptions(c.env.DB, limit, cursor), limit, (s) => s.id, present), 200);
};

export const getWebhookSubscription: RouteHandler<typeof routes.getWebhookSubscription, AppEnv> = async (c) => {
  const row = await store.getSubscription(c.env.DB, c.req.valid("param").id);
  if (!row) throw subscriptionNotFound();
  return c.json(present(row), 200);
};

export const updateWebhookSubscription: RouteHandler<typeof routes.updateWebhookSubscription, AppEnv> = async (c) => {
  const patch = c.req.valid("json");
  const url = patch.url === undefined ? undefined : allowedUrl(patch.url, c.env.ENVIRONMENT);
  const row = await store.updateSubscription(c.env.DB, c.req.valid("param").id, { ...patch, url });
  if (!row) throw subscriptionNotFound();
  return c.json(present(row), 200);
};

export const deleteWebhookSubscription: RouteHandler<typeof routes.deleteWebhookSubscription, AppEnv> = async (c) => {
  const row = await store.deleteSubscription(c.env.DB, c.req.valid("param").id);
  if (!row) throw subscriptionNotFound();
  return c.json(present(row), 200);
};

export const rotateWebhookSecret: RouteHandler<typeof routes.rotateWebhookSecret, AppEnv> = async (c) => {
  const row = await store.rotateSecret(c.env.DB, c.req.valid("param").id);
  if (!row) throw subscriptionNotFound();
  return c.json({ ...present(row), secret: row.secret }, 200);
};
