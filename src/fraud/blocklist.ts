// The block list: what the merchant entered is kept to show it back; screening compares hashes of normalized forms.
import type { z } from "@hono/zod-openapi";
import { newId } from "../domain/ids";
import { conflict, notFound } from "../http/problem";
import { addressMatchKey, emailMatchKey } from "./screen";
import type { BlockListEntry, BlockListInput } from "./schemas";

type Entry = z.infer<typeof BlockListEntry>;

interface Row {
  id: string;
  kind: "email" | "address";
  value: string;
  match_key: string;
  note: string | null;
  created_at: number;
}

const present = (r: Row): Entry => ({
  id: r.id,
  kind: r.kind,
  email: r.kind === "email" ? r.value : null,
  address: r.kind === "address" ? JSON.parse(r.value) : null,
  note: r.note,
  created_at: r.created_at,
});

export async function addEntry(db: D1Database, input: z.infer<typeof BlockListInput>): Promise<Entry> {
  const now = Date.now();
  const [value, matchKey] =
    input.kind === "email" ? [input.email, await emailMatchKey(input.email)] : [JSON.stringify(input.address), await addressMatchKey(input.address)];
  const row: Row = { id: newId("blk", now), kind: input.kind, value, match_key: matchKey, note: input.note ?? null, created_at: now };
  const inserted = await db
    .prepare("INSERT OR IGNORE INTO fraud_blocklist (id, kind, value, match_key, note, created_at) VALUES (?, ?, ?, ?, ?, ?)")
    .bind(row.id, row.kind, row.value, row.match_key, row.note, row.created_at)
    .run();
  if (!inserted.meta.changes) {
    const existing = await db.prepare("SELECT id FROM fraud_blocklist WHERE kind = ? AND match_key = ?").bind(row.kind, matchKey).first<{ id: string }>();
    throw conflict("blocklist_entry_exists", `This ${input.kind} is already on the block list.`, { id: existing?.id ?? null });
  }
  return present(row);
}

export async function listEntries(db: D1Database, q: { limit: number; cursor?: string; kind?: "email" | "address" }) {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.kind) where.push("kind = ?"), args.push(q.kind);
  if (q.cursor) where.push("id < ?"), args.push(q.cursor);
  const { results } = await db
    .prepare(`SELECT * FROM fraud_blocklist ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT ?`)
    .bind(...args, q.limit + 1)
    .all<Row>();
  const data = results.slice(0, q.limit).map(present);
  return { data, next_cursor: results.length > q.limit ? data[data.length - 1].id : null };
}

export async function removeEntry(db: D1Database, id: string) {
  const res = await db.prepare("DELETE FROM fraud_blocklist WHERE id = ?").bind(id).run();
  if (!res.meta.changes) throw notFound("blocklist_entry_not_found", `No block-list entry has the id ${id}.`);
}
