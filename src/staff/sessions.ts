// Dashboard sessions: a random token in an HttpOnly cookie, only its hash in D1. Every request reads the session
// joined with its user, so disabling a user ends their sessions at once.
import { randomToken, sha256Hex } from "../http/crypto";
import { locationsOf, type StaffRow } from "./store";
import type { Role } from "./roles";

export const SESSION_COOKIE = "oms_session";
export const SESSION_HOURS = 12;

/** The signed-in staff member, as the dashboard sees them. */
export interface Staff {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Locations a warehouse user works at; null: every location. */
  locations: string[] | null;
  /** Echoed in every form (`_csrf`): proves the post came from our page. */
  csrf: string;
  tokenHash: string;
}

export async function startSession(db: D1Database, userId: string, now = Date.now()): Promise<{ token: string; expires: number }> {
  const token = randomToken(40);
  const expires = now + SESSION_HOURS * 3600_000;
  await db
    .prepare("INSERT INTO staff_sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
    .bind(await sha256Hex(token), userId, randomToken(32), now, expires)
    .run();
  return { token, expires };
}

/** The session's staff member, or null when the token is unknown, expired, or the user is no longer active. */
export async function staffFor(db: D1Database, token: string, now = Date.now()): Promise<Staff | null> {
  if (!token || token.length > 100) return null;
  const tokenHash = await sha256Hex(token);
  const row = await db
    .prepare(
      `SELECT u.*, s.csrf FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id
       WHERE s.token_hash = ? AND s.expires_at > ? AND u.status = 'active'`,
    )
    .bind(tokenHash, now)
    .first<StaffRow & { csrf: string }>();
  if (!row) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role, locations: locationsOf(row), csrf: row.csrf, tokenHash };
}

export const endSession = (db: D1Database, tokenHash: string) => db.prepare("DELETE FROM staff_sessions WHERE token_hash = ?").bind(tokenHash).run();
export const endSessionsOf = (db: D1Database, userId: string) => db.prepare("DELETE FROM staff_sessions WHERE user_id = ?").bind(userId).run();
