import { createRoute, z } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { commonProblems, json, jsonBody, page, PageQuery, problem } from "../http/openapi";
import { WebhookSubscription, WebhookSubscriptionInput, WebhookSubscriptionPatch, WebhookSubscriptionWithSecret } from "./schemas";

const tags = ["Webhooks"];
// No webhook scopes yet (the scope list is fixed): subscriptions see order data, so they take the orders scopes.
const read = admin("orders:read");
const write = admin("orders:write");
const READ_SCOPE = "Needs the `orders:read` scope.";
const WRITE_SCOPE = "Needs the `orders:write` scope.";
const IdParam = z.object({ id: z.string().max(64) });
const noSubscription = { 404: problem("No such subscription (webhook_subscription_not_found).") };
const badUrl = { 422: problem("The URL is not allowed: not https, or a private, loopback or internal host (webhook_url_not_allowed).") };

export const createWebhookSubscription = createRoute({
  method: "post",
  path: "/v1/webhook-subscriptions",
  operationId: "createWebhookSubscription",
  tags,
  summary: "Subscribe a URL to events",
  description:
    `${WRITE_SCOPE} Deliveries are signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature) ` +
    "with the secret in this answer, which is shown only here and on rotate-secret. " +
    "Not idempotent, like API keys: a replayed answer would keep a copy of the secret. A retry after a lost answer " +
    "creates a second subscription; delete the one you never saw.",
  middleware: [...write],
  request: { body: jsonBody(WebhookSubscriptionInput) },
  responses: { 201: json(WebhookSubscriptionWithSecret, "The subscription and its secret."), ...commonProblems, ...badUrl },
});

export const listWebhookSubscriptions = createRoute({
  method: "get",
  path: "/v1/webhook-subscriptions",
  operationId: "listWebhookSubscriptions",
  tags,
  summary: "List subscriptions, newest first",
  description: `${READ_SCOPE} Secrets are never listed, only their prefix.`,
  middleware: [...read],
  request: { query: PageQuery },
  responses: { 200: json(page(WebhookSubscription, "WebhookSubscriptionPage"), "A page of subscriptions."), ...commonProblems },
});

export const getWebhookSubscription = createRoute({
  method: "get",
  path: "/v1/webhook-subscriptions/{id}",
  operationId: "getWebhookSubscription",
  tags,
  summary: "Get a subscription",
  description: READ_SCOPE,
  middleware: [...read],
  request: { params: IdParam },
  responses: { 200: json(WebhookSubscription, "The subscription."), ...commonProblems, ...noSubscription },
});

export const updateWebhookSubscription = createRoute({
  method: "patch",
  path: "/v1/webhook-subscriptions/{id}",
  operationId: "updateWebhookSubscription",
  tags,
  summary: "Change a subscription's URL, events or active flag",
  description: WRITE_SCOPE,
  middleware: [...write],
  request: { params: IdParam, body: jsonBody(WebhookSubscriptionPatch) },
  responses: { 200: json(WebhookSubscription, "The changed subscription."), ...commonProblems, ...noSubscription, ...badUrl },
});

export const deleteWebhookSubscription = createRoute({
  method: "delete",
  path: "/v1/webhook-subscriptions/{id}",
  operationId: "deleteWebhookSubscription",
  tags,
  summary: "Delete a subscription; nothing more is sent to it",
  description: WRITE_SCOPE,
  middleware: [...write],
  request: { params: IdParam },
  responses: { 200: json(WebhookSubscription, "The deleted subscription."), ...commonProblems, ...noSubscription },
});

export const rotateWebhookSecret = createRoute({
  method: "post",
  path: "/v1/webhook-subscriptions/{id}/rotate-secret",
  operationId: "rotateWebhookSecret",
  tags,
  summary: "Replace the signing secret",
  description: `${WRITE_SCOPE} The old secret stops being used at once; the new one is shown only in this answer.`,
  middleware: [...write],
  request: { params: IdParam },
  responses: { 200: json(WebhookSubscriptionWithSecret, "The subscription and its new secret."), ...commonProblems, ...noSubscription },
});
