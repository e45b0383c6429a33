// The bench's floor (bench/run.ts, "floor" row): a Durable Object that does the least a stock decision must do —
// one synchronous SQLite transaction that writes a row — and nothing else. Its own class, not a method on the
// InventoryCell: a floor method there would run in a real cell's storage, next to real stock, and a typo in the bench
// could touch it. Deployed with the Worker (wrangler binds every class), but only the dev-only route reaches it.
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";

export class FloorCell extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS marks (id TEXT PRIMARY KEY, qty INTEGER NOT NULL, at INTEGER NOT NULL)");
    });
  }

  /** One row written in one transaction, as InventoryCell.reserve writes its hold; answers the rows so far. */
  mark(id: string, qty: number): number {
    return this.ctx.storage.transactionSync(() => {
      this.ctx.storage.sql.exec("INSERT OR IGNORE INTO marks (id, qty, at) VALUES (?, ?, ?)", id, qty, Date.now());
      return this.ctx.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM marks").one().n;
    });
  }
}
