import { createRoute, z } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { commonProblems, json, page, PageQuery, problem } from "../http/openapi";
import { DELIVERY_STATUSES, WebhookDelivery } from "./deliveries-schemas";

const tags = ["Webhooks"];
const IdParam = z.object({ id: z.string().max(200) });

export const listWebhookDeliveries = createRoute({
  method: "get",
  path: "/v1/webhook-subscriptions/{id}/deliveries",
  operationId: "listWebhookDeliveries",
  tags,
  summary: "What was sent to a subscription, newest event first",
  description: "Needs the `orders:read` scope. One delivery per event; its attempts, last answer and status.",
  middleware: [...admin("orders:read")],
  request: { params: IdParam, query: PageQuery.extend({ status: z.enum(DELIVERY_STATUSES).optional() }) },
  responses: {
    200: json(page(WebhookDelivery, "WebhookDeliveryPage"), "A page of deliveries."),
    ...commonProblems,
    404: problem("No such subscription (webhook_subscription_not_found)."),
  },
});

export const retryWebhookDelivery = createRoute({
  method: "post",
  path: "/v1/webhook-deliveries/{id}/retry",
  operationId: "retryWebhookDelivery",
  tags,
  summary: "Send a delivery again now",
  description:
    "Needs the `orders:write` scope. For a failed delivery, after the receiver is fixed (or a pending one, to skip the " +
    "wait). The event keeps its webhook-id, so a receiver that got it already can drop it. A retry sent twice before " +
    "it runs is sent once.",
  middleware: [...admin("orders:write")],
  request: { params: IdParam },
  responses: {
    202: json(WebhookDelivery, "The delivery, pending again and queued."),
    ...commonProblems,
    404: problem("No such delivery (webhook_delivery_not_found)."),
    409: problem("The delivery already succeeded (webhook_delivery_succeeded)."),
  },
});
