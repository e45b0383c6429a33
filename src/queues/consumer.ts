// Every queue's consumer. Per message: skip what was done before (by job id), do the work, remember it, ack; on a
// failure retry that message alone with backoff. A message that is not a job at all is recorded as dead at once.
import { dispatchEvent } from "../events/dispatch";
import { createFulfillments } from "../fulfillment/create";
import { makeLabel } from "../labels/job";
import { sendNotification } from "../notifications/send";
import { deliverWebhook } from "../webhooks/deliver";
import { renderDocument } from "../invoices/render";
import { allocateBackorders } from "../backorders/allocate";
import { deliverStock, reconcileStock, syncStock } from "../stock-sync/jobs";
import { ingestChannelEvent } from "../ingest/job";
import { importChunk } from "../imports/chunk";
import { settlePayment } from "../payments/settle";
import { sendThirdPartyRequest } from "../third-party/send";
import type { Env } from "../env";
import { type Job, JobSchema, type JobType } from "./job";
import { RetryLater } from "./retry";

export const DLQ = "oms-dlq";

const HANDLERS: Record<JobType, (env: Env, data: Record<string, unknown>) => Promise<unknown>> = {
  create_fulfillments: createFulfillments,
  make_label: makeLabel,
  dispatch_event: dispatchEvent,
  deliver_webhook: deliverWebhook,
  send_notification: sendNotification,
  render_document: renderDocument,
  allocate_backorders: allocateBackorders,
  sync_stock: syncStock,
  deliver_stock: deliverStock,
  reconcile_stock: reconcileStock,
  ingest_channel_event: ingestChannelEvent,
  import_chunk: importChunk,
  settle_payment: settlePayment,
  send_third_party_request: sendThirdPartyRequest,
};

/** 2 s, 4 s, 8 s … capped at 5 minutes. */
export const backoffSeconds = (attempts: number) => Math.min(300, 2 ** Math.max(1, attempts));

export async function consume(batch: MessageBatch<unknown>, env: Env) {
  if (batch.queue === DLQ) return recordDeadLetters(batch, env);
  // Different jobs run side by side (their D1 writes share round trips); copies of one job, which at-least-once
  // delivery brings, run one after the other, so the later ones find the work done.
  const copies = new Map<string, Message<unknown>[]>();
  for (const msg of batch.messages) {
    const parsed = JobSchema.safeParse(msg.body);
    if (!parsed.success) {
      await recordDeadLetter(env, msg.id, batch.queue, msg.body, msg.attempts, "not a job: no retry can fix it");
      msg.ack();
      continue;
    }
    copies.set(parsed.data.id, [...(copies.get(parsed.data.id) ?? []), msg]);
  }
  // One read tells which jobs were done before, and one write remembers what this batch did: two round trips a
  // batch instead of two a message.
  const done = await doneBefore(env, [...copies.keys()]);
  const finished: string[] = [];
  await Promise.all(
    [...copies.entries()].map(async ([id, msgs]) => {
      if (done.has(id)) return msgs.forEach((m) => m.ack());
      for (const msg of msgs) if (await handle(msg as Message<Job>, env, done)) finished.push(id);
    }),
  );
  // A crash before this line runs the jobs again on redelivery; every handler is idempotent, so that is only work.
  if (finished.length) {
    const stmt = env.DB.prepare("INSERT OR IGNORE INTO processed_messages (id, queue, processed_at) VALUES (?, ?, ?)");
    const now = Date.now();
    await env.DB.batch([...new Set(finished)].map((id) => stmt.bind(id, batch.queue, now)));
  }
}

async function doneBefore(env: Env, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const { results } = await env.DB.prepare(`SELECT id FROM processed_messages WHERE id IN (SELECT value FROM json_each(?))`)
    .bind(JSON.stringify(ids))
    .all<{ id: string }>();
  return new Set(results.map((r) => r.id));
}

/** Runs one message's job unless a copy before it in this batch already did; true when this copy did the work. */
async function handle(msg: Message<Job>, env: Env, done: Set<string>): Promise<boolean> {
  const job = msg.body;
  if (done.has(job.id)) return msg.ack(), false;
  try {
    await HANDLERS[job.type](env, job.data);
    done.add(job.id);
    msg.ack();
    return true;
  } catch (err) {
    // A job that asked to come back later did not fail: it says when.
    if (err instanceof RetryLater) return msg.retry({ delaySeconds: err.delaySeconds }), false;
    console.warn("job failed; retrying", { id: job.id, type: job.type, attempts: msg.attempts, error: String(err) });
    // Kept so the dead letter this may become says why (a carrier's message, say), not only that retries ran out.
    await env.DB.prepare("INSERT INTO job_failures (id, error, attempts, at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET error = excluded.error, attempts = excluded.attempts, at = excluded.at")
      .bind(job.id, (err instanceof Error ? err.message : String(err)).slice(0, 1000), msg.attempts, Date.now())
      .run()
      .catch(() => {});
    msg.retry({ delaySeconds: backoffSeconds(msg.attempts) });
    return false;
  }
}

async function recordDeadLetters(batch: MessageBatch<unknown>, env: Env) {
  for (const msg of batch.messages) {
    const parsed = JobSchema.safeParse(msg.body);
    const id = parsed.success ? parsed.data.id : msg.id;
    const last = await env.DB.prepare("SELECT error FROM job_failures WHERE id = ?").bind(id).first<{ error: string }>();
    await recordDeadLetter(env, id, "dead-letter", msg.body, msg.attempts, last ? `retries exhausted: ${last.error}` : "retries exhausted");
    msg.ack();
  }
}

async function recordDeadLetter(env: Env, id: string, queue: string, body: unknown, attempts: number, error: string) {
  await env.DB.prepare(
    `INSERT INTO dead_letters (id, queue, body, error, attempts, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET body = excluded.body, error = excluded.error, attempts = excluded.attempts,
       created_at = excluded.created_at, redriven_at = NULL`,
  )
    .bind(id, queue, JSON.stringify(body ?? null), error, attempts, Date.now())
    .run();
}
