// Group commit for D1. D1 runs one query at a time and a round trip costs far more than the statements in it, so
// concurrent requests of this isolate share round trips: while one batch is in flight, the batches that arrive wait
// and then go together as one transaction. Under load that is one round trip for many checkouts; alone, a request
// goes at once and waits for nobody.
//
// Statements travel as text and values (src/db/sql.ts): the member that sends a group prepares them in its request.
//
// A shared transaction must not let one request's failure undo another's work: when a group fails, each member runs
// again on its own (the failed group changed nothing), so every request gets exactly its own answer.

import { prepareAll, type Sql } from "./sql";

interface Member {
  statements: Sql[];
  // waiting → lead (sends its group) or sent (another member sends it) → done | failed
  state: "waiting" | "lead" | "sent" | "done" | "failed";
  /** When the group carrying this member left. */
  sentAt?: number;
  results?: D1Result[];
  error?: unknown;
}

interface Queue {
  waiting: Member[];
  busy: boolean;
  /** When the group in flight left: a leader whose request vanished must not stall everyone behind it. */
  sentAt: number;
}

// D1 caps a batch's size; a group never grows past this many statements.
const MAX_STATEMENTS = 400;
// A group in flight longer than this is presumed lost with its leader's request; the next in line takes over.
const STALL_MS = 5_000;
// A group on its way longer than this is presumed lost with the request that sent it. Longer than STALL_MS: a big
// batch on a busy database may take seconds, and failing a member whose writes did land costs it a retry.
const LOST_MS = 15_000;

const queues = new WeakMap<D1Database, Queue>();

export async function batchTogether(db: D1Database, statements: Sql[]): Promise<D1Result[]> {
  let q = queues.get(db);
  if (!q) queues.set(db, (q = { waiting: [], busy: false, sentAt: 0 }));
  const me: Member = { statements, state: "waiting" };
  q.waiting.push(me);
  if (!q.busy) (q.busy = true), (me.state = "lead");
  // Workers tie every piece of I/O, and every continuation of a promise, to the request it runs in. So nobody is
  // woken by another request: each member watches its own slot on its own timer, and a group is always sent by one
  // of its own members, in that member's request.
  for (let pause = 1; me.state === "waiting" || me.state === "sent"; pause = Math.min(pause * 2, 8)) {
    await scheduler.wait(pause);
    if (me.state === "waiting" && q.waiting[0] === me && Date.now() - q.sentAt > STALL_MS) me.state = "lead";
    // The request sending my group vanished (a client hung up, an invocation ended): nobody will tell me whether it
    // landed. Failing is honest; the caller's retry finds the work done or does it (writes are keyed to be safe twice).
    if (me.state === "sent" && Date.now() - me.sentAt! > LOST_MS) throw new Error("group commit lost with the request that sent it");
  }
  if (me.state === "lead") {
    try {
      q.sentAt = Date.now();
      await send(db, take(q));
    } finally {
      const next = q.waiting[0];
      if (next) next.state = "lead";
      else q.busy = false;
    }
  }
  if (me.state === "failed") throw me.error;
  return me.results!;
}

function take(q: Queue): Member[] {
  const group: Member[] = [];
  let size = 0;
  while (q.waiting.length && (group.length === 0 || size + q.waiting[0].statements.length <= MAX_STATEMENTS)) {
    const m = q.waiting.shift()!;
    if (m.state === "waiting") Object.assign(m, { state: "sent", sentAt: Date.now() });
    group.push(m);
    size += m.statements.length;
  }
  return group;
}

const settle = (m: Member, pending: Promise<D1Result[]>) =>
  pending.then(
    (results) => Object.assign(m, { state: "done", results }),
    (error) => Object.assign(m, { state: "failed", error }),
  );

async function send(db: D1Database, group: Member[]) {
  if (group.length === 1) return void (await settle(group[0], db.batch(prepareAll(db, group[0].statements))));
  try {
    const results = await db.batch(prepareAll(db, group.flatMap((m) => m.statements)));
    let at = 0;
    for (const m of group) {
      Object.assign(m, { state: "done", results: results.slice(at, at + m.statements.length) });
      at += m.statements.length;
    }
  } catch {
    for (const m of group) await settle(m, db.batch(prepareAll(db, m.statements)));
  }
}
