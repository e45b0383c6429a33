// Turns figures into numbered deliveries. Per listing, one upsert decides in D1 whether a figure is news: it must come
// from a newer read of the cells than the one on record (basis), and it gets a new sequence only when the number
// changed (or a reconcile asks to send it anyway). So a read that lost a race never replaces a newer figure, and a
// burst of changes that nets out sends nothing.
import { prepareAll, type Sql, sql } from "../db/sql";
import { newId } from "../domain/ids";
import type { Figure } from "./figures";

export type DeliveryReason = "change" | "reconcile";

/** A listing whose latest figure the channel has not taken yet. */
export interface Unsent {
  channelId: string;
  externalSku: string;
  sequence: number;
}

const DECIDE = `INSERT INTO channel_stock (channel_id, external_sku, sku, available, basis, sequence, sent_sequence, updated_at)
  VALUES (?1, ?2, ?3, ?4, ?5, 1, 0, ?6)
  ON CONFLICT (channel_id, external_sku) DO UPDATE SET
    sequence = CASE WHEN ?7 OR excluded.available != channel_stock.available OR excluded.sku != channel_stock.sku
      THEN channel_stock.sequence + 1 ELSE channel_stock.sequence END,
    available = excluded.available, basis = excluded.basis, sku = excluded.sku, updated_at = excluded.updated_at
  WHERE excluded.basis > channel_stock.basis OR excluded.sku != channel_stock.sku OR (?7 AND excluded.basis >= channel_stock.basis)
  RETURNING sequence, sent_sequence`;

// The delivery of the listing's current figure, unless it exists already (the unique index on the sequence).
const NUMBER = `INSERT OR IGNORE INTO stock_deliveries
    (id, channel_id, external_sku, sku, sequence, available, reason, status, attempts, created_at, updated_at)
  SELECT ?1, channel_id, external_sku, sku, sequence, available, ?2, 'pending', 0, ?3, ?3
  FROM channel_stock WHERE channel_id = ?4 AND external_sku = ?5 AND sequence > sent_sequence`;

/** Statements per D1 batch: a reconcile page stays well inside one. */
const BATCH = 100;

export async function recordFigures(db: D1Database, figures: Figure[], opts: { force: boolean; reason: DeliveryReason }): Promise<Unsent[]> {
  const now = Date.now();
  const unsent: Unsent[] = [];
  for (let i = 0; i < figures.length; i += BATCH / 2) {
    const part = figures.slice(i, i + BATCH / 2);
    const statements: Sql[] = part.flatMap((f) => [
      sql(DECIDE, f.channelId, f.externalSku, f.sku, f.available, f.basis, now, opts.force ? 1 : 0),
      sql(NUMBER, newId("stu", now), opts.reason, now, f.channelId, f.externalSku),
    ]);
    const results = await db.batch(prepareAll(db, statements));
    part.forEach((f, n) => {
      const row = results[2 * n].results[0] as { sequence: number; sent_sequence: number } | undefined;
      if (row && row.sequence > row.sent_sequence) unsent.push({ channelId: f.channelId, externalSku: f.externalSku, sequence: row.sequence });
    });
  }
  return unsent;
}
