// Idempotency-Key per draft-ietf-httpapi-idempotency-key-header: same key + same body replays the first answer,
// same key + other body is 422, a retry while the first is still running is 409. Keys belong to one caller, live 24 h.
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { sha256Hex } from "./crypto";
import { Problem, conflict, unprocessable } from "./problem";

const KEEP_MS = 24 * 60 * 60 * 1000;
// A request still "processing" after this long died with its worker; its key may be taken over.
const LOCK_MS = 60_000;

export const REPLAY_HEADER = "idempotent-replayed";

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
    const claimed = await db
      .prepare(
        `INSERT INTO idempotency_keys (principal, key, fingerprint, state, created_at, locked_until, expires_at)
         VALUES (?1, ?2, ?3, 'processing', ?4, ?5, ?6)
         ON CONFLICT (principal, key) DO UPDATE SET
           fingerprint = excluded.fingerprint, state = 'processing', response_status = NULL, response_type = NULL,
           response_body = NULL, created_at = excluded.created_at, locked_until = excluded.locked_until, expires_at = excluded.expires_at
         WHERE idempotency_keys.expires_at < ?4
            OR (idempotency_keys.state = 'processing' AND idempotency_keys.locked_until < ?4 AND idempotency_keys.fingerprint = ?3)
         RETURNING key`,
      )
      .bind(principal, key, fingerprint, now, now + LOCK_MS, now + KEEP_MS)
      .first();

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

    // Hono turns a thrown problem into c.res before we get here. A 400 (the request never started) and a 5xx
    // (something broke) free the key for a corrected retry; every other answer is final and kept.
    await next();
    const res = c.res;
    if (res.status === 400 || res.status >= 500) await forget(db, principal, key);
    else await remember(db, principal, key, res.status, res.headers.get("content-type"), await res.clone().text());
  };

const remember = (db: D1Database, principal: string, key: string, status: number, type: string | null, body: string) =>
  db
    .prepare(
      "UPDATE idempotency_keys SET state = 'done', response_status = ?3, response_type = ?4, response_body = ?5 WHERE principal = ?1 AND key = ?2",
    )
    .bind(principal, key, status, type, body)
    .run();

const forget = (db: D1Database, principal: string, key: string) =>
  db.prepare("DELETE FROM idempotency_keys WHERE principal = ?1 AND key = ?2 AND state = 'processing'").bind(principal, key).run();
