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

// A repeated key (?sku=a&sku=b) stays a list; openapi-fetch sends a list as the key repeated.
const queryOf = (url: URL) =>
  Object.fromEntries([...new Set(url.searchParams.keys())].map((k) => { const all = url.searchParams.getAll(k); return [k, all.length > 1 ? all : all[0]]; }));

const templates = Object.keys(document.paths).map((template) => ({
  template,
  names: [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]),
  pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, "([^/]+)")}$`),
}));

/** A call by method and concrete path (`/v1/staff-users/stu_1?limit=2`), made through the typed client: for tests
 * that build paths as strings, so their answers are still checked against the spec and the operation counted. */
export async function viaSpec(method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", path: string, opts: { body?: unknown; apiKey?: string | null; headers?: Record<string, string> } = {}) {
  const url = new URL(path, BASE);
  const found = templates.find((t) => t.pattern.test(url.pathname));
  if (!found) throw new Error(`viaSpec: ${url.pathname} matches no path in the OpenAPI document`);
  const values = found.pattern.exec(url.pathname)!.slice(1).map(decodeURIComponent);
  const params = { path: Object.fromEntries(found.names.map((n, i) => [n, values[i]])), query: queryOf(url) };
  const c = client(opts.apiKey === undefined ? env.ADMIN_API_KEY : (opts.apiKey ?? undefined)) as unknown as Record<string, (p: string, o: object) => Promise<{ response: Response; data?: unknown; error?: unknown }>>;
  return c[method](found.template, { params, body: opts.body, headers: opts.headers });
}

/** raw(), but made through the typed client: same arguments, same untouched Response (parseAs "stream", the body
 * sent as given), and the answer checked against the spec and the operation counted. For requests the spec
 * describes; raw() stays for those it does not (bad JSON, wrong methods). */
export async function checkedRaw(path: string, init: RequestInit = {}, apiKey: string | null = env.ADMIN_API_KEY ?? null) {
  const url = new URL(path, BASE);
  const found = templates.find((t) => t.pattern.test(url.pathname));
  if (!found) throw new Error(`checkedRaw: ${url.pathname} matches no path in the OpenAPI document`);
  const values = found.pattern.exec(url.pathname)!.slice(1).map(decodeURIComponent);
  const params = { path: Object.fromEntries(found.names.map((n, i) => [n, values[i]])), query: queryOf(url) };
  const method = (init.method ?? "GET").toUpperCase();
  // openapi-fetch reads an error's body itself; the caller gets an unread copy of what the worker answered.
  let answer: Response | undefined;
  const c = createOmsClient({
    baseUrl: BASE,
    apiKey: apiKey ?? undefined,
    fetch: async (req) => {
      const res = await exports.default.fetch(req);
      answer = res.clone();
      return res;
    },
    check: { document, onOperation: (op) => called.add(op) },
  }) as unknown as Record<string, (p: string, o: object) => Promise<{ response: Response }>>;
  await c[method](found.template, {
    params,
    body: init.body ?? undefined,
    bodySerializer: (b: unknown) => b,
    headers: init.headers,
    parseAs: "stream",
  });
  return answer!;
}
