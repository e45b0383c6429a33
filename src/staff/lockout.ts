// Locking an account after too many wrong passwords: the count lives on the user row, so it holds across isolates
// and IPs (an attacker spreading guesses over many addresses still locks the account, not their way in).
export const LOCKOUT = { attempts: 5, minutes: 15 };

/** Counts one wrong password; the one that reaches the limit locks the account and starts the count anew. */
export async function countWrongPassword(db: D1Database, userId: string, now = Date.now()): Promise<{ lockedUntil: number | null }> {
  const row = await db
    .prepare(
      `UPDATE staff_users SET
         locked_until = CASE WHEN failed_logins + 1 >= ?2 THEN ?3 ELSE locked_until END,
         failed_logins = CASE WHEN failed_logins + 1 >= ?2 THEN 0 ELSE failed_logins + 1 END
       WHERE id = ?1 RETURNING locked_until`,
    )
    .bind(userId, LOCKOUT.attempts, now + LOCKOUT.minutes * 60_000)
    .first<{ locked_until: number | null }>();
  const lockedUntil = row?.locked_until ?? null;
  return { lockedUntil: lockedUntil && lockedUntil > now ? lockedUntil : null };
}

export const isLocked = (user: { locked_until: number | null }, now = Date.now()) => !!user.locked_until && user.locked_until > now;

export const clearWrongPasswords = (db: D1Database, userId: string) =>
  db.prepare("UPDATE staff_users SET failed_logins = 0, locked_until = NULL WHERE id = ? AND (failed_logins > 0 OR locked_until IS NOT NULL)").bind(userId).run();
