// Idempotency-Key per draft-ietf-httpapi-idempotency-key-header: same key + same body replays the first answer,
// same key + other body is 422, a retry while the first is still running is 409. Keys belong to one caller, live 24 h.
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { type Sql, sql } from "../db/sql";
import { batchTogether } from "../db/together";
import { sha256Hex } from "./crypto";
import { Problem, conflict, unprocessable } from "./problem";

const KEEP_MS = 24 * 60 * 60 * 1000;
// A request still "processing" after this long died with its worker; its key may be taken over.
const LOCK_MS = 60_000;

export const REPLAY_HEADER = "idempotent-replayed";

const scopes = new WeakMap<Context, string>();

/**
 * Names this use of the request's Idempotency-Key for effects that outlive the key's row (cell movements, hold ids):
 * caller, when the key was claimed, and the key. A retry of a request whose worker died keeps the name, so those
 * effects happen once; a key reused after it expired gets a new one, so it starts over as the draft says it must.
 * Undefined when the request carried no key.
 */
export const idempotencyScope = (c: Context): string | undefined => scopes.get(c);

interface Stored {
  fingerprint: string;
  state: "processing" | "done";
  response_status: number | null;
  response_type: string | null;
  response_body: string | null;
  locked_until: number;
  expires_at: number;
}

export const idempotent = (opts: { required: boolean }): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const key = c.req.header("idempotency-key");
    if (!key) {
      if (opts.required)
        throw new Problem(400, "idempotency_key_required", "Bad request", "This request needs an `Idempotency-Key` header.", {
          errors: [{ field: "header.idempotency-key", message: "Required" }],
        });
      return next();
    }
    if (key.length > 255) throw new Problem(400, "validation_failed", "Bad request", "Idempotency-Key is longer than 255 characters.", {
      errors: [{ field: "header.idempotency-key", message: "At most 255 characters" }],
    });
    const principal = c.get("principal").id;
    const fingerprint = await sha256Hex(`${c.req.method} ${c.req.path}\n${await c.req.text()}`);
    const now = Date.now();
    const db = c.env.DB;

    // Claim the key, or take over one that expired or whose holder died.
    const claiming = sql(
        `INSERT INTO idempotency_keys (principal, key, fingerprint, state, created_at, locked_until, expires_at)
         VALUES (?1, ?2, ?3, 'processing', ?4, ?5, ?6)
         ON CONFLICT (principal, key) DO UPDATE SET
           fingerprint = excluded.fingerprint, state = 'processing', response_status = NULL, response_type = NULL, response_body = NULL,
           created_at = CASE WHEN idempotency_keys.expires_at < ?4 THEN excluded.created_at ELSE idempotency_keys.created_at END,
           locked_until = excluded.locked_until, expires_at = excluded.expires_at
         WHERE idempotency_keys.expires_at < ?4
            OR (idempotency_keys.state = 'processing' AND idempotency_keys.locked_until < ?4 AND idempotency_keys.fingerprint = ?3)
         RETURNING created_at`,
      principal,
      key,
      fingerprint,
      now,
      now + LOCK_MS,
      now + KEEP_MS,
    );
    // Claims of concurrent requests share D1 round trips (group commit): this is on every checkout.
    const [claimResult] = await batchTogether(db, [claiming]);
    const claimed = claimResult.results[0] as { created_at: number } | undefined;

    if (!claimed) {
      const stored = await db
        .prepare("SELECT * FROM idempotency_keys WHERE principal = ?1 AND key = ?2")
        .bind(principal, key)
        .first<Stored>();
      if (!stored) throw conflict("idempotency_key_in_use", "The Idempotency-Key changed hands; retry the request.");
      if (stored.fingerprint !== fingerprint)
        throw unprocessable("idempotency_key_reused", "This Idempotency-Key was used with another request body or route.");
      if (stored.state === "processing")
        throw conflict("idempotency_key_in_use", "A request with this Idempotency-Key is still being processed; retry later.");
      return new Response(stored.response_body, {
        status: stored.response_status ?? 200,
        headers: { "content-type": stored.response_type ?? "application/json", [REPLAY_HEADER]: "true" },
      }) as never;
    }

    scopes.set(c, `${principal}:${claimed.created_at}:${key}`);
    // Hono turns a thrown problem into c.res before we get here. A 400 or 415 (the body was never read as input)
    // frees the key for a corrected retry. After a 5xx some effects may have happened: the key stays with this body
    // and its scope, so the retry finishes the job without repeating them. Every other answer is final and kept.
    const claim: Claim = { principal, key, storedInBatch: false };
    claims.set(c, claim);
    await next();
    const res = c.res;
    if (claim.storedInBatch && res.status < 300) return;
    if (NOT_STARTED.has(res.status)) await forget(db, principal, key);
    else if (res.status >= 500) await unlock(db, principal, key);
    else await remember(db, principal, key, res.status, res.headers.get("content-type"), await res.clone().text());
  };

export interface Claim {
  principal: string;
  key: string;
  /** Set by a handler whose own D1 batch stored the answer (rememberSql), sparing a round trip. */
  storedInBatch: boolean;
}
const claims = new WeakMap<Context, Claim>();

/** The claimed key of this request, for handlers that store their answer in their own batch. */
export const claimOf = (c: Context): Claim | undefined => claims.get(c);

/**
 * The statement that stores a successful answer, to run in the same D1 batch as the effects it reports: both land or
 * neither. `number` fills the body's top-level "number" from a SQL scalar, for values D1 assigns inside that batch.
 */
export function rememberSql(claim: Claim, status: number, body: string, number?: Sql): Sql {
  const bodySql = number ? `json_set(?5, '$.number', (${number.sql}))` : "?5";
  return sql(
    `UPDATE idempotency_keys SET state = 'done', response_status = ?3, response_type = ?4, response_body = ${bodySql}
     WHERE principal = ?1 AND key = ?2`,
    claim.principal,
    claim.key,
    status,
    "application/json",
    body,
    ...(number?.params ?? []),
  );
}

// The body could not be read as the route's input, or the caller was rate-limited: nothing ran, so nothing is kept
// (a 429 kept would answer the retry after Retry-After with the same 429).
const NOT_STARTED = new Set([400, 415, 429]);

const remember = (db: D1Database, principal: string, key: string, status: number, type: string | null, body: string) =>
  db
    .prepare(
      "UPDATE idempotency_keys SET state = 'done', response_status = ?3, response_type = ?4, response_body = ?5 WHERE principal = ?1 AND key = ?2",
    )
    .bind(principal, key, status, type, body)
    .run();

const unlock = (db: D1Database, principal: string, key: string) =>
  db.prepare("UPDATE idempotency_keys SET locked_until = 0 WHERE principal = ?1 AND key = ?2 AND state = 'processing'").bind(principal, key).run();

const forget = (db: D1Database, principal: string, key: string) =>
  db.prepare("DELETE FROM idempotency_keys WHERE principal = ?1 AND key = ?2 AND state = 'processing'").bind(principal, key).run();
