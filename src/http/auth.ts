import type { MiddlewareHandler } from "hono";
import { keyFromHash } from "../keys/store";
import type { AppEnv, Principal } from "../env";
import { sha256Hex } from "./crypto";
import { SCOPES, type Scope } from "./auth-scopes";
import { Problem, forbidden } from "./problem";

const BOOTSTRAP: Principal = { id: "bootstrap", kind: "secret", scopes: SCOPES };

// Keys are looked up by hash on every request; a short in-isolate cache keeps that off the hot path.
// A revocation made in another isolate takes effect here within CACHE_MS.
const CACHE_MS = 30_000;
const cache = new Map<string, { principal: Principal | null; at: number }>();
export const forgetKey = (hash: string) => cache.delete(hash);

let bootstrap: { key: string; hash: Promise<string> } | undefined;
const bootstrapHash = (key: string) => (bootstrap?.key === key ? bootstrap : (bootstrap = { key, hash: sha256Hex(key) })).hash;

async function principalFor(env: AppEnv["Bindings"], key: string): Promise<Principal | null> {
  const hash = await sha256Hex(key);
  if (env.ADMIN_API_KEY && hash === (await bootstrapHash(env.ADMIN_API_KEY))) return BOOTSTRAP;
  const hit = cache.get(hash);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.principal;
  const principal = await keyFromHash(env.DB, hash);
  cache.set(hash, { principal, at: Date.now() });
  return principal;
}

/** Accepts `Authorization: Bearer <key>`; sets the caller as `principal`. */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header("authorization");
  const key = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!key) throw new Problem(401, "missing_api_key", "Unauthorized", "Send an API key as `Authorization: Bearer <key>`.");
  const principal = key.length <= 200 ? await principalFor(c.env, key) : null;
  if (!principal) throw new Problem(401, "invalid_api_key", "Unauthorized", "The API key is unknown or revoked.");
  c.set("principal", principal);
  await next();
};

/** A secret key holding `scope` (a write scope also grants its read). */
export const requireScope =
  (scope: Scope): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const p = c.get("principal");
    if (p.kind !== "secret") throw forbidden("secret_key_required", "This route needs a secret (sk_) key.");
    const writeOfRead = scope.endsWith(":read") ? scope.replace(":read", ":write") : null;
    if (!p.scopes.includes(scope) && !(writeOfRead && p.scopes.includes(writeOfRead)))
      throw forbidden("insufficient_scope", `This route needs the \`${scope}\` scope.`);
    await next();
  };

/** Storefront routes: any publishable key, or a secret key with the storefront scope. */
export const requireStorefront: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get("principal").scopes.includes("storefront"))
    throw forbidden("insufficient_scope", "This route needs a publishable key or the `storefront` scope.");
  await next();
};

/** Route middleware: an admin route needing `scope`. */
export const admin = (scope: Scope) => [authenticate, requireScope(scope)] as const;
/** Route middleware: a storefront route. */
export const storefront = [authenticate, requireStorefront] as const;
