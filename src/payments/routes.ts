import { createRoute, z } from "@hono/zod-openapi";
import { json, problem } from "../http/openapi";

export const PaymentWebhookAnswer = z
  .object({
    event_id: z.string(),
    outcome: z.string().openapi({
      description:
        "applied, already_applied, ignored (a type we do not act on), unmatched (no such order), reference_mismatch (another " +
        "payment pays the order), amount_mismatch / currency_mismatch (refused: the order stays pending), order_not_payable " +
        "(cancelled or expired: the money is given back through the adapter), refunds_recorded.",
    }),
    order_id: z.string().nullable(),
    duplicate: z.boolean().openapi({ description: "true: this event id was received before; nothing was done again." }),
    detail: z.string().optional(),
  })
  .openapi("PaymentWebhookAnswer");

export const receivePaymentWebhook = createRoute({
  method: "post",
  path: "/v1/payments/{provider}/webhooks",
  operationId: "receivePaymentWebhook",
  tags: ["Payments"],
  security: [],
  summary: "A payment provider's webhook: the only way besides a payments:write key that an order becomes paid",
  description:
    "No API key: the provider's signature over the body exactly as sent authenticates it. `stripe`: `Stripe-Signature` " +
    "(t=…,v1=…; HMAC-SHA256 of `t.body` with STRIPE_WEBHOOK_SECRET; at most 300 s old), events " +
    "payment_intent.amount_capturable_updated (authorized), payment_intent.succeeded (captured), payment_intent.canceled, " +
    "charge.refunded, refund.updated; the order is the PaymentIntent's `metadata.order_id` or the order whose payment has " +
    "that PaymentIntent id. `test` (dev and tests only): Standard Webhooks signed with TEST_PAYMENTS_SECRET, body " +
    "`{ type: payment.authorized | payment.captured | payment.canceled | refund.succeeded | refund.failed, data: { reference, " +
    "order_id?, amount, currency, refund_id? } }`. The amount and currency must be the order's. Each event id is applied " +
    "once; a replay answers 200 with `duplicate: true`. Refusals no retry can fix answer 200 with their `outcome`.",
  request: { params: z.object({ provider: z.string().min(1).max(50) }) },
  responses: {
    200: json(PaymentWebhookAnswer, "Received: what it did, or that it was received before."),
    400: problem("invalid_signature, stale_signature (timestamp outside 300 s), malformed_event."),
    404: problem("payment_provider_not_found."),
    413: problem("The body is too large."),
    503: problem("payment_provider_not_configured: its webhook secret is not set."),
  },
});
