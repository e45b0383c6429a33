// Order list views a staff member saved: a name and the list's query string. Read and written in D1 directly: they
// are a preference of the dashboard's user, not part of the order business, and no API route offers them (an API
// key has no user to save them for).
import { newId } from "../../domain/ids";

export interface SavedView {
  id: string;
  name: string;
  query: string;
}

export const MAX_VIEWS = 30;

export async function savedViews(db: D1Database, userId: string): Promise<SavedView[]> {
  const { results } = await db
    .prepare("SELECT id, name, query FROM staff_saved_views WHERE user_id = ? ORDER BY created_at, id LIMIT ?")
    .bind(userId, MAX_VIEWS)
    .all<SavedView>();
  return results;
}

/** Saves the view; a view of the same name is replaced, so saving again updates it. */
export async function saveView(db: D1Database, userId: string, name: string, query: string) {
  const now = Date.now();
  await db.batch([
    db.prepare("DELETE FROM staff_saved_views WHERE user_id = ? AND name = ?").bind(userId, name),
    db.prepare("INSERT INTO staff_saved_views (id, user_id, name, query, created_at) VALUES (?, ?, ?, ?, ?)").bind(newId("view", now), userId, name, query, now),
  ]);
}

/** Deletes one of the user's own views (another user's id deletes nothing). */
export async function deleteView(db: D1Database, userId: string, id: string): Promise<boolean> {
  const res = await db.prepare("DELETE FROM staff_saved_views WHERE id = ? AND user_id = ?").bind(id, userId).run();
  return res.meta.changes > 0;
}

export async function countViews(db: D1Database, userId: string) {
  const row = await db.prepare("SELECT COUNT(*) AS n FROM staff_saved_views WHERE user_id = ?").bind(userId).first<{ n: number }>();
  return row?.n ?? 0;
}
