// Paid orders whose holds this isolate committed are marked in D1 together, a few times a second, instead of one
// write per order. Losing a mark (the isolate dies first) is harmless: the sweep commits again (idempotent) and marks.
import { newestPerCell, projectionStatement } from "../inventory/projection";
import type { Snapshot } from "../inventory/types";

const FLUSH_AFTER_MS = 100;
// D1 binds at most 100 parameters per statement.
const IDS_PER_STATEMENT = 90;

const pending = new Map<string, Snapshot[]>();
let flushing: Promise<void> | null = null;

export function markCommittedSoon(db: D1Database, orderId: string, snapshots: Snapshot[], waitUntil: (p: Promise<unknown>) => void) {
  pending.set(orderId, snapshots);
  flushing ??= flush(db);
  waitUntil(flushing);
}

async function flush(db: D1Database) {
  await scheduler.wait(FLUSH_AFTER_MS);
  while (pending.size) {
    const orders = [...pending];
    pending.clear();
    await markCommitted(db, orders.map(([id]) => id), orders.flatMap(([, s]) => s)).catch((err) =>
      console.warn("marking committed orders failed; the sweep will", { orders: orders.length, error: String(err) }),
    );
  }
  flushing = null;
}

export async function markCommitted(db: D1Database, orderIds: string[], snapshots: Snapshot[]) {
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < orderIds.length; i += IDS_PER_STATEMENT) {
    const ids = orderIds.slice(i, i + IDS_PER_STATEMENT);
    statements.push(
      db.prepare(`UPDATE orders SET stock_state = 'committed' WHERE stock_state = 'reserved' AND id IN (${ids.map(() => "?").join(", ")})`).bind(...ids),
    );
  }
  await db.batch([...statements, ...newestPerCell(snapshots).map((s) => projectionStatement(db, s))]);
}
