// How an exchange follows its return's decisions. Imported for its effect by index.ts (src/app.ts imports that):
// the return itself never imports the exchange.
import { insert, type Sql } from "../db/sql";
import { versionedUpdate } from "../db/versioned";
import type { ReturnAction } from "../domain/return";
import type { Env } from "../env";
import { timelineEvent } from "../orders/timeline";
import { Problem } from "../http/problem";
import { onReturnReceived } from "../returns-receiving/hooks";
import { onReturnDecided, onReturnDecision } from "../returns/decide";
import type { LoadedReturn } from "../returns/store";
import { finishChangesOf } from "../stock-changes/drive";
import { reserveOnApproval, sendWhenReady } from "./flow";
import { releaseItems } from "./reserve";
import { loadExchange } from "./store";

const LIVE = new Set(["pending", "reserved", "awaiting_payment"]);

/** Statements for the decision's own batch: reserve on approval, release when the return ends without its units. */
export async function exchangeDecisionSql(env: Env, ret: LoadedReturn, action: ReturnAction, at: number): Promise<Sql[]> {
  if (action === "approve") return reserveOnApproval(env, ret, "system", at);
  const x = await loadExchange(env.DB, ret.row.id);
  if (!x || !LIVE.has(x.row.state)) return [];
  // Closed with every unit back: the exchange still goes (once paid, if the shopper owes).
  if (action === "close" && ret.lines.every((l) => l.restocked + l.damaged + l.inspecting >= l.quantity)) return [];
  const reason = `return ${action === "close" ? "closed with units missing" : action === "decline" ? "declined" : "cancelled"}`;
  return [
    versionedUpdate("exchanges", x.row.id, x.row.version, { state: "cancelled", cancelled_at: at }),
    ...releaseItems(env, x, `exchange: ${reason}`, at),
    insert("order_events", timelineEvent(x.row.order_id, "exchange.cancelled", "system", at, { exchange_id: x.row.id, return_id: ret.row.id, reason })),
  ];
}

/** Once the decision is written: the cells release what it gave back, and an approved advance exchange goes. */
export async function afterDecision(env: Env, returnId: string, action: ReturnAction): Promise<void> {
  const x = await loadExchange(env.DB, returnId);
  if (!x) return;
  await finishChangesOf(env, x.row.order_id);
  if (action === "approve") await sendWhenReady(env, returnId);
}

onReturnDecision(exchangeDecisionSql);
onReturnDecided(afterDecision);

// Every returned unit back: the replacement goes (or waits for the shopper's payment). A refusal no retry would change
// (the order was cancelled, a refund took the units) does not fail the receive: the exchange stays as it is.
onReturnReceived(async (env, ret) => {
  try {
    await sendWhenReady(env, ret.row.id);
  } catch (err) {
    if (!(err instanceof Problem) || err.status >= 500) throw err;
    console.warn("exchange not sent after a receive", { return_id: ret.row.id, code: err.code });
  }
});
