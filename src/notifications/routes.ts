import { createRoute, z } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { commonProblems, json, page, PageQuery } from "../http/openapi";
import { NOTIFICATION_KINDS } from "./templates";

export const Notification = z
  .object({
    id: z.string().openapi({ example: "ntf_01J0000000000000000000000" }),
    order_id: z.string(),
    kind: z.enum(NOTIFICATION_KINDS),
    to: z.string().openapi({ description: "The customer's email address." }),
    subject: z.string(),
    body: z.string().openapi({ description: "Plain text." }),
    channel: z.string().openapi({ description: "How it is sent: webhook, the merchant's messaging endpoint." }),
    status: z.enum(["pending", "sent", "failed", "unsent"]).openapi({
      description: "pending: queued or being retried; sent; failed: every retry failed; unsent: no messaging endpoint is configured.",
    }),
    attempts: z.number().int(),
    last_error: z.string().nullable(),
    created_at: z.number().int(),
    sent_at: z.number().int().nullable(),
  })
  .openapi("Notification");

export const listNotifications = createRoute({
  method: "get",
  path: "/v1/notifications",
  operationId: "listNotifications",
  tags: ["Notifications"],
  summary: "The outbox: every customer message, newest first",
  description: "Needs the `orders:read` scope. Every message is kept, whether the channel sent it or not.",
  middleware: [...admin("orders:read")],
  request: { query: PageQuery.extend({ order_id: z.string().max(64).optional().openapi({ description: "Only this order's messages." }) }) },
  responses: { 200: json(page(Notification, "NotificationPage"), "A page of messages."), ...commonProblems },
});
