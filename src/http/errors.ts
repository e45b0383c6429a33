import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { InvalidTransition } from "../domain/order-status";
import { Problem } from "./problem";

const PROBLEM_TYPE = "application/problem+json";

export function problemResponse(c: Context, p: Problem, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(p.toJSON(c.req.path)), {
    status: p.status,
    headers: { "content-type": PROBLEM_TYPE, ...headers },
  });
}

/** The one place a thrown error becomes an HTTP answer. Nothing internal (stack, SQL, values) leaves the worker. */
export function onError(err: Error, c: Context) {
  if (err instanceof Problem) return problemResponse(c, err, err.headers);
  if (err instanceof HTTPException) return problemResponse(c, fromHttpException(err));
  if (err instanceof InvalidTransition)
    return problemResponse(
      c,
      new Problem(409, "invalid_transition", "Conflict", err.message, {
        transition: err.change,
        from: { status: err.from.status, payment_status: err.from.paymentStatus, fulfillment_status: err.from.fulfillmentStatus },
      }),
    );
  // Log what broke, not the request: bodies carry personal data.
  console.error("unhandled error", { method: c.req.method, path: c.req.path, error: err?.name, message: err?.message, stack: err?.stack });
  return problemResponse(c, new Problem(500, "internal_error", "Internal error", "Something went wrong on our side; it is safe to retry with the same Idempotency-Key."));
}

function fromHttpException(err: HTTPException): Problem {
  switch (err.status) {
    case 400:
      return new Problem(400, "malformed_json", "Bad request", "The body is not valid JSON.", {
        errors: [{ field: "body", message: "Malformed JSON" }],
      });
    case 413:
      return new Problem(413, "payload_too_large", "Payload too large", "The body is larger than this route accepts.");
    case 415:
      return new Problem(415, "unsupported_media_type", "Unsupported media type", "Send the body as application/json.");
    default:
      return new Problem(err.status, `http_${err.status}`, err.message || "Error");
  }
}
