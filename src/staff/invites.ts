// One-time links to set a password: for an invited user, or a fresh start for one who lost theirs. Only the token's
// hash is stored; a new link kills the older unused ones, and a link works once, within INVITE_HOURS.
import { randomToken, sha256Hex } from "../http/crypto";
import { hashPassword } from "./password";
import type { StaffRow } from "./store";

export const INVITE_HOURS = 72;
export const invitePath = (token: string) => `/admin/invite/${token}`;

/** A new link for the user; every earlier unused one stops working in the same batch. */
export async function issueInvite(db: D1Database, userId: string, now = Date.now()): Promise<{ token: string; expiresAt: number }> {
  const token = randomToken(40);
  const expiresAt = now + INVITE_HOURS * 3600_000;
  await db.batch([
    db.prepare("DELETE FROM staff_invites WHERE user_id = ? AND used_at IS NULL").bind(userId),
    db
      .prepare("INSERT INTO staff_invites (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
      .bind(await sha256Hex(token), userId, now, expiresAt),
  ]);
  return { token, expiresAt };
}

/** The user a link is for, while it is unused, unexpired, and the user not disabled; null otherwise. */
export async function inviteFor(db: D1Database, token: string, now = Date.now()): Promise<StaffRow | null> {
  if (!token || token.length > 100) return null;
  const row = await db
    .prepare(
      `SELECT u.* FROM staff_invites i JOIN staff_users u ON u.id = i.user_id
       WHERE i.token_hash = ? AND i.used_at IS NULL AND i.expires_at > ? AND u.status != 'disabled'`,
    )
    .bind(await sha256Hex(token), now)
    .first<StaffRow>();
  return row ?? null;
}

/**
 * Uses the link: sets the password and makes the user active, in one batch, so of two submits only one wins. Their
 * other sessions end (whoever knew the old password is out). Null when the link no longer works.
 */
export async function acceptInvite(db: D1Database, token: string, password: string, now = Date.now()): Promise<StaffRow | null> {
  if (!token || token.length > 100) return null;
  const tokenHash = await sha256Hex(token);
  const hash = await hashPassword(password);
  // D1 runs a batch as one transaction: the first two statements see the link unused, the last one uses it up, so a
  // second submit finds it used and changes nothing.
  const open = "SELECT user_id FROM staff_invites WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2";
  const [, user] = await db.batch<StaffRow>([
    db.prepare(`DELETE FROM staff_sessions WHERE user_id = (${open})`).bind(tokenHash, now),
    db
      .prepare(
        `UPDATE staff_users SET password_hash = ?3, status = 'active', failed_logins = 0, locked_until = NULL, updated_at = ?2
         WHERE id = (${open}) AND status != 'disabled' RETURNING *`,
      )
      .bind(tokenHash, now, hash),
    db.prepare("UPDATE staff_invites SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2").bind(tokenHash, now),
  ]);
  return user.results[0] ?? null;
}
