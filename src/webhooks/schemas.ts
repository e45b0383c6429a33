import { z } from "@hono/zod-openapi";
import { EVENT_TYPES } from "../events/emit";

// A subscriber can listen to every integration event the outbox carries.
export const WEBHOOK_EVENTS = EVENT_TYPES;

export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number];
export const WebhookEvent = z.enum(WEBHOOK_EVENTS);
const Url = z.string().max(2048).openapi({
  description: "https only (plain http to localhost only in development); private, loopback and link-local hosts are refused.",
  example: "https://hooks.example.com/oms",
});
const Events = z.array(WebhookEvent).min(1).max(WEBHOOK_EVENTS.length);

export const WebhookSubscription = z
  .object({
    id: z.string().openapi({ example: "whs_01J0000000000000000000000" }),
    url: z.string(),
    events: z.array(WebhookEvent),
    active: z.boolean(),
    secret_prefix: z.string().openapi({ description: "The start of the signing secret, to recognise it.", example: "whsec_AbC…" }),
    created_at: z.number().int(),
    updated_at: z.number().int(),
  })
  .openapi("WebhookSubscription");

export const WebhookSubscriptionWithSecret = WebhookSubscription.extend({
  secret: z.string().openapi({
    description: "The Standard Webhooks signing secret (whsec_…). Shown only when created and when rotated.",
  }),
}).openapi("WebhookSubscriptionWithSecret");

export const WebhookSubscriptionInput = z
  .object({ url: Url, events: Events, active: z.boolean().default(true) })
  .strict()
  .openapi("WebhookSubscriptionInput");

export const WebhookSubscriptionPatch = z
  .object({ url: Url.optional(), events: Events.optional(), active: z.boolean().optional() })
  .strict()
  .openapi("WebhookSubscriptionPatch", { description: "Only the fields sent change. Rotate the secret with rotate-secret." });

export type WebhookSubscriptionInput = z.infer<typeof WebhookSubscriptionInput>;
export type WebhookSubscriptionPatch = z.infer<typeof WebhookSubscriptionPatch>;
