import { z } from "@hono/zod-openapi";
import { WebhookEvent } from "./schemas";

export const DELIVERY_STATUSES = ["pending", "sending", "succeeded", "failed", "cancelled"] as const;

export const WebhookDelivery = z
  .object({
    id: z.string().openapi({ example: "whd_01J0000000000000000000000_01J0000000000000000000000" }),
    subscription_id: z.string(),
    event_id: z.string().openapi({ description: "Sent as webhook-id on every attempt: receivers drop repeats by it." }),
    event_type: WebhookEvent,
    status: z.enum(DELIVERY_STATUSES).openapi({
      description: "pending: not yet delivered, retried with backoff; sending: an attempt is under way; succeeded: a 2xx answer; failed: every retry failed " +
        "(retry it after fixing the receiver); cancelled: the subscription was deactivated or deleted.",
    }),
    attempts: z.number().int(),
    last_status_code: z.number().int().nullable().openapi({ description: "The receiver's last HTTP status; null if it never answered." }),
    last_error: z.string().nullable(),
    next_attempt_at: z.number().int().nullable().openapi({ description: "When the queue tries again, for a pending delivery that failed." }),
    created_at: z.number().int(),
    updated_at: z.number().int(),
  })
  .openapi("WebhookDelivery");

export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
