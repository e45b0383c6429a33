// Queue sends shared across concurrent requests, as D1 writes are in src/db/together.ts: under load one sendBatch
// carries the messages of many checkouts instead of one send each. Callers do not wait for the send; they hand the
// returned promise to waitUntil, so the request that sends for the others stays alive until its send is done.
//
// If that request dies before sending, the messages are lost with it: the sweep finds paid orders that never reached
// fulfillment and enqueues them again (src/orders/sweep.ts), so a lost message costs minutes, never an order.
import type { Job } from "./job";

interface Pending {
  messages: MessageSendRequest<Job>[];
  sending: boolean;
  /** When the batch in flight left: a sender whose request vanished must not stall everyone after it. */
  sentAt: number;
}

const MAX_PER_BATCH = 100; // a queue batch's limit
const STALL_MS = 5_000;
const pendingOf = new WeakMap<Queue<Job>, Pending>();

export async function sendTogether(queue: Queue<Job>, body: Job): Promise<void> {
  let p = pendingOf.get(queue);
  if (!p) pendingOf.set(queue, (p = { messages: [], sending: false, sentAt: 0 }));
  p.messages.push({ body });
  // Someone is sending already: the message goes with their next batch.
  if (p.sending && Date.now() - p.sentAt < STALL_MS) return;
  p.sending = true;
  try {
    // While one batch is on its way, the next one gathers.
    while (p.messages.length) {
      p.sentAt = Date.now();
      await queue.sendBatch(p.messages.splice(0, MAX_PER_BATCH));
    }
  } finally {
    p.sending = false;
  }
}
