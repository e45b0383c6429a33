// Reads and changes of staff users for the API. Creating one is src/staff/store.ts (the dev script's first owner and
// tests use it too).
import type { Role } from "../staff/roles";
import type { StaffRow } from "../staff/store";

export async function listStaff(db: D1Database, q: { limit: number; cursor?: string; status?: string; role?: string }) {
  // The email column compares without regard to case (COLLATE NOCASE), so the cursor follows the same order.
  const rows = await db
    .prepare(
      `SELECT * FROM staff_users WHERE (?1 IS NULL OR email > ?1) AND (?2 IS NULL OR status = ?2) AND (?3 IS NULL OR role = ?3)
       ORDER BY email LIMIT ?4`,
    )
    .bind(q.cursor ?? null, q.status ?? null, q.role ?? null, q.limit + 1)
    .all<StaffRow>();
  return rows.results;
}

/** The ids among `ids` that are no location. */
export async function unknownLocations(db: D1Database, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const found = await db
    .prepare(`SELECT id FROM locations WHERE id IN (${ids.map(() => "?").join(", ")})`)
    .bind(...ids)
    .all<{ id: string }>();
  const known = new Set(found.results.map((r) => r.id));
  return ids.filter((id) => !known.has(id));
}

export interface StaffChange {
  name: string;
  role: Role;
  locations: string[] | null;
  status: StaffRow["status"];
  /** Clears failed_logins and locked_until (an owner re-enabling the user). */
  unlock: boolean;
}

/**
 * Writes the change unless it would leave no active owner: the check is inside the UPDATE, so two owners disabling
 * each other at once cannot both succeed. Null when refused for that reason.
 */
export async function changeStaff(db: D1Database, id: string, ch: StaffChange, now = Date.now()): Promise<StaffRow | null> {
  const staysOwner = ch.role === "owner" && ch.status === "active";
  const row = await db
    .prepare(
      `UPDATE staff_users SET name = ?2, role = ?3, locations = ?4, status = ?5,
         failed_logins = CASE WHEN ?6 THEN 0 ELSE failed_logins END, locked_until = CASE WHEN ?6 THEN NULL ELSE locked_until END,
         updated_at = ?7
       WHERE id = ?1 AND (?8 OR NOT (role = 'owner' AND status = 'active')
         OR EXISTS (SELECT 1 FROM staff_users o WHERE o.role = 'owner' AND o.status = 'active' AND o.id != ?1))
       RETURNING *`,
    )
    .bind(id, ch.name, ch.role, ch.locations ? JSON.stringify(ch.locations) : null, ch.status, ch.unlock ? 1 : 0, now, staysOwner ? 1 : 0)
    .first<StaffRow>();
  return row ?? null;
}
