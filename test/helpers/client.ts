import { env, exports } from "cloudflare:workers";
import { createOmsClient } from "../../openapi/client";

export const BASE = "http://oms.test";

/** The worker as a client sees it, through the generated typed client. */
export const client = (apiKey?: string) =>
  createOmsClient({ baseUrl: BASE, apiKey, fetch: (req) => exports.default.fetch(req) });

/** The bootstrap admin key (ADMIN_API_KEY, set in vitest.config.ts). */
export const admin = () => client(env.ADMIN_API_KEY);

/** Raw HTTP for the requests a typed client refuses to make (bad JSON, wrong methods, huge bodies). */
export const raw = (path: string, init: RequestInit = {}, apiKey: string | null = env.ADMIN_API_KEY ?? null) =>
  exports.default.fetch(
    new Request(`${BASE}${path}`, {
      ...init,
      headers: { ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}), ...(init.headers as Record<string, string>) },
    }),
  );

let n = 0;
/** A fresh Idempotency-Key per call. */
export const key = (label = "k") => `${label}-${Date.now()}-${++n}`;
