// Refunds and voids go out through the provider's adapter as queue jobs and count as done once the provider confirms.
// An order change writes the row 'requested' in its own batch; the job (or, if its send was lost, the cron) carries
// it out with the row id as the provider's idempotency key, so a retried job never refunds twice.
import { prepareAll, sql, type Sql } from "../db/sql";
import { newId } from "../domain/ids";
import type { Env } from "../env";
import { job } from "../queues/job";
import type { PaymentRow } from "../orders/store";
import { type MoneyOutcome, ProviderRefusal } from "./provider";
import { providerNamed } from "./providers";

export interface MoneyRow extends PaymentRow {
  status: "requested" | "succeeded" | "failed" | "manual";
  provider_id: string | null;
}

// One job per row per round: copies within a round are one job; a later round asks again (same idempotency key).
const ROUND_MS = 10 * 60_000;
// Stripe keeps idempotency keys at least 24 h: past that a repeat could refund twice, so old rows are left to staff.
const RESEND_WITHIN_MS = 23 * 3_600_000;
// Left to the request that wrote the row for this long before the cron sends it.
const RESEND_AFTER_MS = 60_000;

export const settleJob = (paymentId: string, now = Date.now()) => job("settle_payment", `${paymentId}:${Math.floor(now / ROUND_MS)}`, { paymentId });

/** Sends the jobs of requested refunds and voids: of one order (after a change), or every one left waiting (the cron). */
export async function sendRequestedMoney(env: Env, orderId?: string, now = Date.now()): Promise<number> {
  const { results } = await (orderId
    ? env.DB.prepare("SELECT id FROM payments WHERE order_id = ? AND status = 'requested' AND provider_id IS NULL").bind(orderId)
    : env.DB.prepare("SELECT id FROM payments WHERE status = 'requested' AND provider_id IS NULL AND created_at BETWEEN ? AND ? LIMIT 100").bind(
        now - RESEND_WITHIN_MS,
        now - RESEND_AFTER_MS,
      )
  ).all<{ id: string }>();
  if (results.length) await env.FULFILLMENT.sendBatch(results.map((r) => ({ body: settleJob(r.id, now) })));
  return results.length;
}

/** The job: ask the provider, record what it said. Thrown errors (network, 5xx, no secret yet) are retried by the queue. */
export async function settlePayment(env: Env, data: Record<string, unknown>) {
  const row = await env.DB.prepare("SELECT * FROM payments WHERE id = ?").bind(String(data.paymentId)).first<MoneyRow>();
  // Done, or accepted and waiting for the provider's webhook: nothing to send.
  if (!row || row.status !== "requested" || row.provider_id) return;
  const adapter = providerNamed(row.provider);
  if (!adapter) return env.DB.prepare("UPDATE payments SET status = 'manual' WHERE id = ? AND status = 'requested'").bind(row.id).run();
  const request = { id: row.id, orderId: row.order_id, reference: row.reference, amount: row.amount, currency: row.currency };
  let outcome: MoneyOutcome;
  try {
    outcome = row.kind === "void" ? await adapter.void(env, request) : await adapter.refund(env, request);
  } catch (err) {
    if (!(err instanceof ProviderRefusal)) throw err;
    outcome = { status: "failed", providerId: null, detail: err.message };
  }
  await env.DB.batch(prepareAll(env.DB, outcomeSql(row, outcome, `payment_provider:${row.provider}`)));
}

/**
 * Records what the provider said about a requested refund or void, once: the timeline gets an entry only when the
 * row actually changed (a webhook and the job's own answer may both report the same success).
 */
export function outcomeSql(row: Pick<MoneyRow, "id" | "order_id" | "kind" | "amount">, o: MoneyOutcome, actor: string, at = Date.now()): Sql[] {
  if (o.status === "pending")
    return [sql("UPDATE payments SET provider_id = COALESCE(provider_id, ?) WHERE id = ? AND status = 'requested'", o.providerId, row.id)];
  const what = row.kind === "void" ? "void" : "refund";
  const type = `payment.${what}_${o.status === "succeeded" ? "confirmed" : "failed"}`;
  const data = { payment_id: row.id, amount: row.amount, provider_id: o.providerId, ...(o.detail ? { detail: o.detail.slice(0, 300) } : {}) };
  return [
    sql("UPDATE payments SET status = ?, provider_id = COALESCE(?, provider_id) WHERE id = ? AND status = 'requested'", o.status, o.providerId, row.id),
    eventIfChangedSql(row.order_id, type, actor, at, data),
  ];
}

/** A timeline entry written only if the statement just before it in the batch changed a row (changes() is that one's). */
export const eventIfChangedSql = (orderId: string, type: string, actor: string, at: number, data: Record<string, unknown>): Sql =>
  sql(
    "INSERT INTO order_events (id, order_id, type, actor, data, created_at) SELECT ?, ?, ?, ?, ?, ? WHERE changes() = 1",
    newId("evt", at),
    orderId,
    type,
    actor,
    JSON.stringify(data),
    at,
  );
