import type { MiddlewareHandler } from "hono";
import { keyFromHash } from "../keys/store";
import { principalInEnv } from "../staff/principal";
import type { AppEnv, Principal } from "../env";
import { BoundedMap } from "../domain/lru";
import { sha256Hex } from "./crypto";
import { SCOPES, type Scope } from "./auth-scopes";
import { Problem, forbidden } from "./problem";

const BOOTSTRAP: Principal = { id: "bootstrap", kind: "secret", scopes: SCOPES };

// Keys are looked up by hash on every request; a short in-isolate cache keeps that off the hot path.
// A revocation made in another isolate takes effect here within CACHE_MS.
const CACHE_MS = 30_000;
// Both caches are capped, so a flood of made-up tokens costs a bounded amount of memory. Unknown tokens have their own,
// smaller cache: they cannot push the real keys out, and a retrying client with a wrong key still costs one read.
export const KNOWN_KEYS_CAP = 10_000;
export const UNKNOWN_KEYS_CAP = 256;
type Cached = { principal: Principal | null; at: number };
const known = new BoundedMap<string, Cached>(KNOWN_KEYS_CAP);
const unknown = new BoundedMap<string, Cached>(UNKNOWN_KEYS_CAP);
export const forgetKey = (hash: string) => {
  known.delete(hash);
  unknown.delete(hash);
};
/** Entries the key caches hold now (for tests and the curious). */
export const authCacheSize = () => ({ known: known.size, unknown: unknown.size });

let bootstrap: { key: string; hash: Promise<string> } | undefined;
const bootstrapHash = (key: string) => (bootstrap?.key === key ? bootstrap : (bootstrap = { key, hash: sha256Hex(key) })).hash;

async function principalFor(env: AppEnv["Bindings"], key: string): Promise<Principal | null> {
  const hash = await sha256Hex(key);
  if (env.ADMIN_API_KEY && hash === (await bootstrapHash(env.ADMIN_API_KEY))) return BOOTSTRAP;
  const hit = known.get(hash) ?? unknown.get(hash);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.principal;
  const principal = await keyFromHash(env.DB, hash);
  forgetKey(hash);
  (principal ? known : unknown).set(hash, { principal, at: Date.now() });
  return principal;
}

/** Accepts `Authorization: Bearer <key>`; sets the caller as `principal`. */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  // A dashboard action: the signed-in staff member, handed over in-process (never from a header).
  const staff = principalInEnv(c.env);
  if (staff) {
    c.set("principal", staff);
    return next();
  }
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
    if (!holdsScope(p, scope)) throw forbidden("insufficient_scope", `This route needs the \`${scope}\` scope.`);
    await next();
  };

/** Whether the key holds `scope`; a write scope also grants its read. */
export function holdsScope(p: Principal, scope: Scope): boolean {
  const writeOfRead = scope.endsWith(":read") ? scope.replace(":read", ":write") : null;
  return p.scopes.includes(scope) || (!!writeOfRead && p.scopes.includes(writeOfRead));
}

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
