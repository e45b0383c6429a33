import { env, exports } from "cloudflare:workers";
import { createOmsClient } from "../../openapi/client";
import document from "../../openapi/openapi.json";
import { called } from "./operations";

export const BASE = "http://oms.test";

/** The worker as a client sees it, through the generated typed client. Every answer is checked against the
 * committed document (a mismatch throws in the test that asked) and each operation called is recorded. */
export const client = (apiKey?: string) =>
  createOmsClient({
    baseUrl: BASE,
    apiKey,
    fetch: (req) => exports.default.fetch(req),
    check: { document, onOperation: (op) => called.add(op) },
  });

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
