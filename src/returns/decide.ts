// Staff decide a return: approve or decline a request, cancel one nothing has come back or been refunded for, close
// one that is done. Each move is one batch that fails unless the return is still at the version read (and, for a
// cancel, still has nothing received or refunded at the moment the batch runs).
import { insert, prepareAll, type Sql, sql } from "../db/sql";
import { type ReturnAction, returnAfter } from "../domain/return";
import type { EventType } from "../events/emit";
import type { Env } from "../env";
import { outboxSql } from "../events/emit";
import { conflict } from "../http/problem";
import { timelineEvent } from "../orders/timeline";
import { isStale } from "../db/versioned";
import { isStaleVersion, orderChanged } from "../orders/write";
import { type LoadedReturn, presentReturn, requireReturn } from "./store";
import type { ReturnView } from "./schemas";

export interface Decision {
  actor: string;
  note?: string;
  expectedVersion?: number;
  /** decline only */
  declineReason?: string;
}

/** Statements a feature adds to a decision's batch (an exchange reserving or releasing its units). */
export type DecisionHook = (env: Env, ret: LoadedReturn, action: ReturnAction, at: number) => Promise<Sql[]>;
const hooks: DecisionHook[] = [];
/** Features that follow returns (exchanges) register here; the return itself never imports them. */
export const onReturnDecision = (hook: DecisionHook) => void hooks.push(hook);
/** What such a feature does once the decision is written (the cells follow its batch, a replacement is sent). */
export type DecidedHook = (env: Env, returnId: string, action: ReturnAction) => Promise<void>;
const decided: DecidedHook[] = [];
export const onReturnDecided = (hook: DecidedHook) => void decided.push(hook);

const EVENT: Record<ReturnAction, EventType> = { approve: "return.approved", decline: "return.declined", cancel: "return.cancelled", close: "return.closed" };

export async function decideReturn(env: Env, id: string, action: ReturnAction, d: Decision): Promise<ReturnView> {
  const ret = await requireReturn(env.DB, id);
  const { row } = ret;
  if (d.expectedVersion !== undefined && d.expectedVersion !== row.version) throw changed();
  const to = returnAfter(row.status, action);
  // Asking again for what is already so answers the return as it stands (a retried approve, a double click).
  if (!to) {
    if (row.status === returnAfter("requested", action) || (action === "close" && row.status === "closed")) return presentReturn(ret);
    throw conflict("invalid_return_transition", `A ${row.status} return cannot be ${pastTense(action)}.`, { from: row.status, action });
  }
  if (action === "cancel" && ret.lines.some((l) => l.restocked + l.damaged + l.inspecting > 0 || l.refunded > 0))
    throw conflict("return_in_progress", "Units of this return have been received or refunded: close it instead.");
  if (action === "close" && ret.lines.some((l) => l.inspecting > 0))
    throw conflict("return_in_inspection", "Some units are still held for inspection: decide them (restock or damaged) first.");
  const at = Date.now();
  const statements: Sql[] = [
    moveSql(row.id, row.version, to, action, d, at),
    ...(action === "close" ? [sql("UPDATE return_lines SET missing = quantity - restocked - damaged - inspecting WHERE return_id = ?", row.id)] : []),
    insert("order_events", timelineEvent(row.order_id, EVENT[action], d.actor, at, { return_id: row.id, rma: row.rma, ...(d.note ? { note: d.note } : {}), ...(d.declineReason ? { reason: d.declineReason } : {}) })),
    outboxSql(EVENT[action], { return_id: row.id, rma: row.rma, order_id: row.order_id, number: ret.orderNumber, ...(d.declineReason ? { reason: d.declineReason } : {}) }, row.order_id, at),
  ];
  for (const hook of hooks) statements.push(...(await hook(env, ret, action, at)));
  try {
    await env.DB.batch(prepareAll(env.DB, statements));
  } catch (err) {
    if (isStale(err, "returns")) throw changed();
    // A feature's statements (an exchange's) found the order changed since they were planned: ask again.
    if (isStaleVersion(err)) throw orderChanged();
    throw err;
  }
  // The decision stands; what follows it is safe to repeat and left to the sweep if it fails here.
  for (const hook of decided) await hook(env, row.id, action).catch((err) => console.warn("a return decision's follow-up failed", { id, error: String(err) }));
  return presentReturn(await requireReturn(env.DB, id));
}

/**
 * The return's move, failing the batch (NOT NULL on version) unless it is at `version` and, for a cancel, nothing of it
 * has been received or refunded when the batch runs (a receive racing the cancel wins or loses whole).
 */
function moveSql(id: string, version: number, to: string, action: ReturnAction, d: Decision, at: number): Sql {
  const untouched = action === "cancel" ? "AND NOT EXISTS (SELECT 1 FROM return_lines WHERE return_id = ?1 AND restocked + damaged + inspecting + refunded > 0)" : "";
  return sql(
    `UPDATE returns SET status = ?3, updated_at = ?4,
       approved_at = CASE WHEN ?3 = 'open' THEN ?4 ELSE approved_at END,
       closed_at = CASE WHEN ?3 IN ('closed', 'cancelled', 'declined') THEN ?4 ELSE closed_at END,
       decline_reason = COALESCE(?5, decline_reason), decline_note = CASE WHEN ?3 = 'declined' THEN ?6 ELSE decline_note END,
       version = CASE WHEN version = ?2 ${untouched} THEN version + 1 ELSE NULL END
     WHERE id = ?1`,
    id,
    version,
    to,
    at,
    action === "decline" ? (d.declineReason ?? "other") : null,
    d.note ?? null,
  );
}

const changed = () => conflict("return_changed", "The return changed since it was read; read it again.");
const pastTense = (a: ReturnAction) => ({ approve: "approved", decline: "declined", cancel: "cancelled", close: "closed" })[a];
