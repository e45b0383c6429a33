// A small Stripe for the tests, answering as Stripe's API reference says: POST /v1/refunds (form-encoded, honouring
// Idempotency-Key: the same key answers the same refund and creates nothing new) and POST
// /v1/payment_intents/:id/cancel. A PaymentIntent whose id contains "pending" gets refunds that stay pending (the
// webhook confirms them later); one containing "declined" gets Stripe's 400 invalid_request_error.
// GET /__fake/refunds?payment_intent=… lists the refunds made, so tests can check that money moved once.
interface FakeRefund {
  id: string;
  object: "refund";
  amount: number;
  currency: string;
  payment_intent: string;
  status: "succeeded" | "pending";
  metadata: Record<string, string>;
  created: number;
}

const refunds: FakeRefund[] = [];
const answered = new Map<string, { status: number; body: unknown }>();
let seq = 0;

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "request-id": `req_${++seq}` } });
const stripeError = (status: number, message: string) => json(status, { error: { type: "invalid_request_error", message } });

function form(text: string) {
  const params = new URLSearchParams(text);
  const metadata: Record<string, string> = {};
  for (const [k, v] of params) {
    const m = k.match(/^metadata\[(.+)\]$/);
    if (m) metadata[m[1]] = v;
  }
  return { get: (k: string) => params.get(k), metadata };
}

function create(path: string, body: string): { status: number; body: unknown } {
  const p = form(body);
  if (path === "/v1/refunds") {
    const pi = p.get("payment_intent") ?? p.get("charge");
    if (!pi) return { status: 400, body: { error: { type: "invalid_request_error", message: "Missing payment_intent or charge" } } };
    if (pi.includes("declined")) return { status: 400, body: { error: { type: "invalid_request_error", message: `Charge for ${pi} has already been refunded.` } } };
    const refund: FakeRefund = {
      id: `re_fake_${++seq}`,
      object: "refund",
      amount: Number(p.get("amount")),
      currency: "eur",
      payment_intent: pi,
      status: pi.includes("pending") ? "pending" : "succeeded",
      metadata: p.metadata,
      created: Math.floor(Date.now() / 1000),
    };
    refunds.push(refund);
    return { status: 200, body: refund };
  }
  const cancel = path.match(/^\/v1\/payment_intents\/([^/]+)\/cancel$/);
  if (cancel) return { status: 200, body: { id: cancel[1], object: "payment_intent", status: "canceled", amount: 0, currency: "eur", metadata: {} } };
  return { status: 404, body: { error: { type: "invalid_request_error", message: `Unrecognized request URL (POST: ${path})` } } };
}

export async function fakeStripe(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (request.method === "GET" && url.pathname === "/__fake/refunds")
    return json(200, refunds.filter((r) => r.payment_intent === url.searchParams.get("payment_intent")));
  if (!request.headers.get("authorization")?.startsWith("Bearer sk_test_")) return stripeError(401, "Invalid API Key provided");
  if (request.method !== "POST") return stripeError(404, "Unrecognized request URL");
  const body = await request.text();
  const key = request.headers.get("idempotency-key");
  // Stripe replays the first answer for a key it has seen.
  const first = key ? answered.get(key) : undefined;
  if (first) return json(first.status, first.body);
  const answer = create(url.pathname, body);
  if (key) answered.set(key, answer);
  return json(answer.status, answer.body);
}
