// Every dashboard action is a call to the API route that does the same thing, with the staff member's scopes: one
// code path for each business rule, and the same refusals (the problem's message is what the screen shows).
import type { Context } from "hono";
import { STAFF_PRINCIPAL, staffPrincipal } from "../../staff/principal";
import type { DashEnv } from "./env";

export interface ProblemBody {
  status: number;
  code: string;
  title: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; problem: ProblemBody };

/** The raw answer of an API route (PDFs, CSV), called as the signed-in staff member. */
export async function apiResponse(
  c: Context<DashEnv>,
  method: string,
  path: string,
  opts: { body?: unknown; idempotencyKey?: string; accept?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = { accept: opts.accept ?? "application/json" };
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  if (opts.idempotencyKey) headers["idempotency-key"] = opts.idempotencyKey;
  const req = new Request(new URL(path, c.req.url), {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const env = { ...c.env, [STAFF_PRINCIPAL]: staffPrincipal(c.get("staff")) };
  return c.get("api")(req, env, c.executionCtx);
}

/** An API route's JSON answer, or its problem. */
export async function api<T = any>(
  c: Context<DashEnv>,
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  opts: { body?: unknown; idempotencyKey?: string } = {},
): Promise<ApiResult<T>> {
  const res = await apiResponse(c, method, path, opts);
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (res.ok) return { ok: true, status: res.status, data: json as T };
  return { ok: false, status: res.status, problem: json as ProblemBody };
}

/** The problem as one line a person reads: its detail and each field's message. */
export const problemText = (p: ProblemBody) =>
  [p.detail ?? p.title, ...(p.errors ?? []).map((e) => `${e.field.replace(/^body\./, "")}: ${e.message}`)].join(" · ");
