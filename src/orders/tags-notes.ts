// Staff tags on an order. Optimistic on the order's version: a change made against an older order is refused.
import { insert } from "../db/sql";
import { newId } from "../domain/ids";
import { tagChange } from "../domain/tags";
import { notFound } from "../http/problem";
import { orderDetailOr404 } from "./detail";
import { timelineEvent } from "./timeline";
import { orderChanged, updateOrder, writeOrderBatch } from "./write";

/** The order's version and tags, or 404; 409 order_changed when it is no longer at `expected`. */
export async function versionOr409(db: D1Database, id: string, expected: number) {
  const row = await db.prepare("SELECT version, tags FROM orders WHERE id = ?").bind(id).first<{ version: number; tags: string }>();
  if (!row) throw notFound("order_not_found", `No order has the id ${id}.`);
  if (row.version !== expected) throw orderChanged();
  return { version: row.version, tags: JSON.parse(row.tags ?? "[]") as string[] };
}

export async function setTags(db: D1Database, actor: string, id: string, tags: string[], expected: number) {
  const current = await versionOr409(db, id, expected);
  const change = tagChange(current.tags, tags);
  // Same tags in another order is no change: nothing to write or to tell.
  if (change.added.length || change.removed.length) {
    const now = Date.now();
    await writeOrderBatch(db, [
      updateOrder(id, expected, { tags: JSON.stringify(tags) }),
      insert("order_events", timelineEvent(id, "order.tags_changed", actor, now, { ...change, tags })),
    ]);
  }
  return orderDetailOr404(db, id);
}

export async function addNote(db: D1Database, actor: string, id: string, body: string, expected: number) {
  await versionOr409(db, id, expected);
  const now = Date.now();
  const note = { id: newId("note", now), order_id: id, author: actor, body, created_at: now };
  // The timeline says that a note was written and by whom; the text stays in the note, the one place erasure edits.
  await writeOrderBatch(db, [
    updateOrder(id, expected, {}),
    insert("order_notes", note),
    insert("order_events", timelineEvent(id, "order.note_added", actor, now, { note_id: note.id })),
  ]);
  return orderDetailOr404(db, id);
}
