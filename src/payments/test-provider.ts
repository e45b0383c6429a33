// The `test` provider, for `npm run dev` and the tests: its webhooks are Standard Webhooks signed with
// TEST_PAYMENTS_SECRET (whsec_…), so paying an order in dev is posting one signed event; its refunds and voids are
// confirmed on the spot, with no network. It never answers when ENVIRONMENT is production.
import { z } from "zod";
import type { Env } from "../env";
import { verify } from "../webhooks/signature";
import type { MoneyOutcome, MoneyRequest, PaymentEvent, PaymentProvider, WebhookCheck } from "./provider";

const KINDS = {
  "payment.authorized": "authorized",
  "payment.captured": "captured",
  "payment.canceled": "canceled",
  "refund.succeeded": "refunded",
  "refund.failed": "refunded",
} as const;

/** The body of a test-provider event. `data.amount` is what was authorized or captured, or the refund's amount. */
export const TestPaymentEvent = z.object({
  type: z.string().max(100),
  data: z.object({
    reference: z.string().min(1).max(200),
    order_id: z.string().max(64).optional(),
    amount: z.number().int().min(0),
    currency: z.string().length(3),
    /** refund.*: our refund's id (the payments row). */
    refund_id: z.string().max(64).optional(),
  }),
});

const enabled = (env: Env) => env.ENVIRONMENT !== "production" && !!env.TEST_PAYMENTS_SECRET;

export const testProvider: PaymentProvider = {
  name: "test",

  async readWebhook(env: Env, headers: Headers, rawBody: string): Promise<WebhookCheck> {
    if (!enabled(env)) return { ok: false, reason: "not_configured", detail: "The test payment provider is off (TEST_PAYMENTS_SECRET unset, or production)." };
    let result;
    try {
      result = await verify({ secret: env.TEST_PAYMENTS_SECRET!, headers, body: rawBody });
    } catch {
      return { ok: false, reason: "not_configured", detail: "TEST_PAYMENTS_SECRET is not a whsec_ secret." };
    }
    if (!result.ok)
      return result.reason === "timestamp_too_old" || result.reason === "timestamp_too_new"
        ? { ok: false, reason: "timestamp_outside_tolerance", detail: "webhook-timestamp is more than 300 s away." }
        : { ok: false, reason: "signature_mismatch", detail: `Standard Webhooks signature refused: ${result.reason}.` };
    let parsed;
    try {
      parsed = TestPaymentEvent.safeParse(JSON.parse(rawBody));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) return { ok: false, reason: "malformed", detail: "The body is not a test payment event." };
    const { type, data } = parsed.data;
    const kind = KINDS[type as keyof typeof KINDS] ?? "ignored";
    const event: PaymentEvent = {
      id: headers.get("webhook-id")!,
      type,
      kind,
      reference: data.reference,
      orderId: data.order_id ?? null,
      amount: data.amount,
      currency: data.currency.toUpperCase(),
      ...(kind === "refunded"
        ? { refunds: [{ providerId: `test_${data.refund_id ?? data.reference}`, ourId: data.refund_id ?? null, amount: data.amount, status: type === "refund.failed" ? "failed" : "succeeded" }] }
        : {}),
    };
    return { ok: true, event };
  },

  // A stand-in for a provider that accepts at once.
  async refund(_env: Env, r: MoneyRequest): Promise<MoneyOutcome> {
    return { status: "succeeded", providerId: `test_re_${r.id}` };
  },
  async void(_env: Env, r: MoneyRequest): Promise<MoneyOutcome> {
    return { status: "succeeded", providerId: `test_void_${r.id}` };
  },
};
