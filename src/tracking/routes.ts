import { createRoute, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { admin } from "../http/auth";
import { commonProblems, json, jsonBody, problem } from "../http/openapi";
import { Problem } from "../http/problem";
import { ProviderPath, PublicTracking, TokenPath, TrackingWebhookAnswer, WebhookSecretInput, WebhookSecretState } from "./schemas";

const tags = ["Tracking"];
// A Tracker with a long history is a few tens of KB; anything far above it is not a tracking event.
export const MAX_WEBHOOK_BYTES = 256 * 1024;

export const receiveTrackingWebhook = createRoute({
  method: "post",
  path: "/v1/tracking/webhooks/{provider}",
  operationId: "receiveTrackingWebhook",
  tags,
  security: [],
  summary: "A tracking provider's webhook: the carrier's scans come back in",
  description:
    "No API key: the provider's proof authenticates it. `easypost`: `X-Hmac-Signature: hmac-sha256-hex=<hex>`, HMAC-SHA256 " +
    "of the raw body with the webhook secret (NFKD-normalized), events `tracker.created` / `tracker.updated`. `shippo`: " +
    "`track_updated`; Shippo's documented webhook protection is a self-generated token in the webhook URL, so the URL " +
    "must end in `?token=<secret>`. `aftership`: `aftership-hmac-sha256`, base64 HMAC-SHA256 of the raw body. Events are " +
    "deduped per provider, ordered by the carrier's time; `delivered` delivers the shipment (actor `carrier:<name>`), a " +
    "packed shipment the carrier has scanned ships. A tracking number no shipment has is answered 202 and kept. Bodies " +
    `up to ${MAX_WEBHOOK_BYTES} bytes.`,
  middleware: [
    bodyLimit({
      maxSize: MAX_WEBHOOK_BYTES,
      onError: () => {
        throw new Problem(413, "payload_too_large", "Payload too large", `Tracking webhooks are limited to ${MAX_WEBHOOK_BYTES} bytes.`);
      },
    }),
  ] as const,
  request: {
    params: ProviderPath,
    query: z.object({ token: z.string().max(500).optional().openapi({ description: "Shippo only: the self-generated token of the webhook URL." }) }),
  },
  responses: {
    200: json(TrackingWebhookAnswer, "Received: recorded, a duplicate, or an event type not about tracking."),
    202: json(TrackingWebhookAnswer, "Received, but no shipment has this tracking number: kept as unmatched."),
    400: problem("malformed_event, validation_failed (unknown provider)."),
    401: problem("invalid_signature: the signature (or Shippo's token) does not match the secret set for the provider."),
    413: problem("The body is too large."),
    503: problem("tracking_webhook_not_configured: no secret is set for the provider."),
  },
});

export const setTrackingWebhookSecret = createRoute({
  method: "put",
  path: "/v1/settings/tracking-webhooks/{provider}",
  operationId: "setTrackingWebhookSecret",
  tags,
  summary: "Set a tracking provider's webhook secret (write-only)",
  description:
    "EasyPost: the webhook's `webhook_secret`. Shippo: the token appended to the webhook URL as `?token=`. AfterShip: the " +
    "webhook secret of Settings > Webhooks. Replaces the previous one; never returned. Needs `channels:write`.",
  middleware: [...admin("channels:write")],
  request: { params: ProviderPath, body: jsonBody(WebhookSecretInput) },
  responses: { 200: json(WebhookSecretState, "Set."), ...commonProblems },
});

export const getPublicTracking = createRoute({
  method: "get",
  path: "/v1/tracking/{token}",
  operationId: "getPublicTracking",
  tags,
  security: [],
  summary: "A shipment's tracking, by its unguessable public link (no key)",
  description: "What the page /track/{token} shows, as JSON: the shipment's status, carrier, tracking number and history.",
  request: { params: TokenPath },
  responses: {
    200: json(PublicTracking, "The shipment's tracking."),
    400: problem("validation_failed."),
    404: problem("tracking_not_found."),
  },
});
