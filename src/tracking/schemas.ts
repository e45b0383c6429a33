import { z } from "@hono/zod-openapi";
import { PROVIDERS } from "./providers/provider";
import { TRACKING_STATUSES } from "./record";

export const TrackingStatusSchema = z.enum(TRACKING_STATUSES).openapi("TrackingStatus", {
  description: "One vocabulary for every carrier and tracking provider.",
});

export const TrackingEventView = z
  .object({
    status: TrackingStatusSchema,
    at: z.number().int().openapi({ description: "The carrier's time of the event, epoch ms." }),
    message: z.string().nullable(),
    location: z.string().nullable(),
  })
  .openapi("TrackingEvent");

export const PublicTracking = z
  .object({
    order_number: z.number().int(),
    status: z.enum(["pending", "picking", "packed", "shipped", "delivered", "cancelled"]).openapi({ description: "The shipment's own status." }),
    tracking_status: TrackingStatusSchema.nullable().openapi({ description: "The carrier's latest word (by the carrier's time); null before any." }),
    tracking_status_at: z.number().int().nullable(),
    carrier: z.string().nullable(),
    service: z.string().nullable(),
    tracking_number: z.string().nullable(),
    shipped_at: z.number().int().nullable(),
    delivered_at: z.number().int().nullable(),
    events: z.array(TrackingEventView).openapi({ description: "The tracking history, newest first by the carrier's time." }),
  })
  .openapi("PublicTracking");
export type PublicTrackingView = z.infer<typeof PublicTracking>;

export const ProviderPath = z.object({ provider: z.enum(PROVIDERS) });

export const TrackingWebhookAnswer = z
  .object({
    outcome: z.enum(["recorded", "duplicate", "unmatched", "ignored"]).openapi({
      description:
        "recorded: new events stored; duplicate: every event was received before; unmatched: no shipment has the tracking " +
        "number (the events are kept); ignored: an event type that is not about tracking.",
    }),
    recorded: z.number().int(),
    fulfillment_id: z.string().nullable(),
  })
  .openapi("TrackingWebhookAnswer");

export const WebhookSecretInput = z
  .object({ secret: z.string().min(8).max(500).openapi({ example: "whsec_a_long_random_secret" }) })
  .strict()
  .openapi("TrackingWebhookSecretInput");

export const WebhookSecretState = z
  .object({ provider: z.enum(PROVIDERS), configured: z.boolean(), updated_at: z.number().int() })
  .openapi("TrackingWebhookSecret", { description: "Write-only: the secret itself is never returned." });

export const TokenPath = z.object({ token: z.string().min(16).max(64) });
