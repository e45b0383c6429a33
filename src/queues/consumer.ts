// Every queue's consumer. Per message: skip what was done before (by job id), do the work, remember it, ack; on a
// failure retry that message alone with backoff. A message that is not a job at all is recorded as dead at once.
import { dispatchEvent } from "../events/dispatch";
import { createFulfillments } from "../fulfillment/create";
import { makeLabel } from "../labels/job";
import { sendNotification } from "../notifications/send";
import { deliverWebhook } from "../webhooks/deliver";
import type { Env } from "../env";
import { type Job, JobSchema, type JobType } from "./job";

export const DLQ = "oms-dlq";

const HANDLERS: Record<JobType, (env: Env, data: Record<string, unknown>) => Promise<unknown>> = {
  create_fulfillments: createFulfillments,
  make_label: makeLabel,
  dispatch_event: dispatchEvent,
  deliver_webhook: deliverWebhook,
  send_notification: sendNotification,
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
  await Promise.all(
    [...copies.values()].map(async (msgs) => {
      for (const msg of msgs) await handle(msg as Message<Job>, batch.queue, env);
    }),
  );
}

async function handle(msg: Message<Job>, queue: string, env: Env) {
  const job = msg.body;
  try {
    const done = await env.DB.prepare("SELECT 1 FROM processed_messages WHERE id = ?").bind(job.id).first();
    if (!done) {
      await HANDLERS[job.type](env, job.data);
      await env.DB.prepare("INSERT OR IGNORE INTO processed_messages (id, queue, processed_at) VALUES (?, ?, ?)")
        .bind(job.id, queue, Date.now())
        .run();
    }
    msg.ack();
  } catch (err) {
    console.warn("job failed; retrying", { id: job.id, type: job.type, attempts: msg.attempts, error: String(err) });
    msg.retry({ delaySeconds: backoffSeconds(msg.attempts) });
  }
}

async function recordDeadLetters(batch: MessageBatch<unknown>, env: Env) {
  for (const msg of batch.messages) {
    const parsed = JobSchema.safeParse(msg.body);
    await recordDeadLetter(env, parsed.success ? parsed.data.id : msg.id, "dead-letter", msg.body, msg.attempts, "retries exhausted");
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
