// Group commit for D1. D1 runs one query at a time and a round trip costs far more than the statements in it, so
// concurrent requests of this isolate share round trips: while one batch is in flight, the batches that arrive wait
// and then go together as one transaction. Under load that is one round trip for many checkouts; alone, a request
// goes at once and waits for nobody.
//
// Statements travel as text and values (src/db/sql.ts): the member that sends a group prepares them in its request.
//
// A shared transaction must not let one request's failure undo another's work: when a group fails, each member runs
// again on its own (the failed group changed nothing), so every request gets exactly its own answer.
//
// What a caller learns, and what it may conclude:
// - results: its statements landed, in one transaction.
// - the D1 error of its own statements: they did not land (they ran alone, in their own transaction, and failed).
// - NotSent: it gave up waiting for its turn (GIVE_UP_MS) before its statements left. They were taken out of the
//   queue and are never sent: it may undo what it prepared (give back stock, say).
// - OutcomeUnknown: its statements left, with a group whose sender's request vanished (client gone, invocation
//   ended) before telling anyone how it went. They may have landed or not; nobody in this isolate can know. Undo
//   nothing that a landed write would need; look in D1 (or leave it to the sweep) instead.
// A member never gives up once its statements left: it waits for the group's settlement for as long as the sender's
// request lives (the sender holds the batch's promise and beats while it waits).
//
// Workers tie every piece of I/O, and every continuation of a promise, to the request it runs in. So nobody is woken
// by another request: each member watches shared plain state on its own timer, and a group is always sent by one of
// its own members, in that member's request. Liveness crosses requests as counters, never as timestamps: each member
// measures, on its own clock, how long a counter has stood still.

import { prepareAll, type Sql } from "./sql";

/** Its statements never left and never will: nothing of them landed. */
export class NotSent extends Error {
  override name = "NotSent";
}

/** Its statements left with a group whose sender vanished: they may or may not have landed. */
export class OutcomeUnknown extends Error {
  override name = "OutcomeUnknown";
}

/** What one request can do in its own context: read its clock, wait on its own timer, send a batch itself. */
export interface Caller {
  now(): number;
  wait(ms: number): Promise<unknown>;
  batch(statements: Sql[]): Promise<D1Result[]>;
}

export const callerOf = (db: D1Database): Caller => ({
  now: () => Date.now(),
  wait: (ms) => scheduler.wait(ms),
  batch: (statements) => db.batch(prepareAll(db, statements)),
});

interface Group {
  members: Member[];
  /** Counted up by the sender while it waits for D1: standing still means its request is gone. */
  beats: number;
}

interface Member {
  statements: Sql[];
  // waiting → lead (sends the next group) or sent (in a group on its way) → done | failed; waiting → gave up
  state: "waiting" | "lead" | "sent" | "done" | "failed";
  group?: Group;
  results?: D1Result[];
  error?: unknown;
}

interface Queue {
  waiting: Member[];
  /** The group on its way, if any: one at a time, so that those arriving meanwhile go together next. */
  inFlight: Group | null;
  /** The member whose turn it is to send, not yet started. */
  leader: Member | null;
  /** Counted up at every hand-over and every send: standing still with a leader named means the leader is gone. */
  turn: number;
}

// D1 caps a batch's size; a group never grows past this many statements.
const MAX_STATEMENTS = 400;
// A named leader polls every few ms; one that has not started after this long is presumed gone with its request, and
// the next in line sends the group, its statements included (it never gave up, so they still go).
const TAKEOVER_MS = 250;
// The sender beats this often while it waits for D1.
const BEAT_MS = 100;
// A sender that has not beaten for this long is presumed gone with its request: its members cannot learn the outcome
// (OutcomeUnknown), and those waiting behind it go on without it. Generous next to BEAT_MS: a busy isolate delays
// every timer.
const SILENT_MS = 2_000;
// A member whose statements have not left after this long gives up (NotSent).
const GIVE_UP_MS = 15_000;
// A counter only counts as standing still when the watcher itself saw it unchanged this many times: after the
// isolate was blocked, the watcher's overdue timer may fire before the beat's.
const QUIET_POLLS = 3;

const queues = new WeakMap<object, Queue>();

export function batchTogether(db: D1Database, statements: Sql[]): Promise<D1Result[]> {
  return joinGroup(db, statements, callerOf(db));
}

/** How long, on the watcher's clock, a shared counter (of one subject: the queue, a group) has stood still. */
class Watch {
  private subject: object | null = null;
  private seen = 0;
  private since = 0;
  private polls = 0;
  stillFor(subject: object, value: number, now: number): number {
    if (subject !== this.subject || value !== this.seen) {
      [this.subject, this.seen, this.since, this.polls] = [subject, value, now, 0];
      return 0;
    }
    return ++this.polls >= QUIET_POLLS ? now - this.since : 0;
  }
}

/**
 * batchTogether with the request's abilities given: `key` names the queue (the database), `caller` is how this
 * member's request waits and sends. Tests pass callers that vanish, stall or jump in time.
 */
export async function joinGroup(key: object, statements: Sql[], caller: Caller): Promise<D1Result[]> {
  let q = queues.get(key);
  if (!q) queues.set(key, (q = { waiting: [], inFlight: null, leader: null, turn: 0 }));
  const me: Member = { statements, state: "waiting" };
  q.waiting.push(me);
  if (!q.inFlight && !q.leader) name(q, me);
  const joinedAt = caller.now();
  const turns = new Watch();
  const beats = new Watch();
  for (let pause = 1; me.state === "waiting" || me.state === "sent"; pause = Math.min(pause * 2, 8)) {
    await caller.wait(pause);
    const now = caller.now();
    if (me.state === "waiting") {
      if (now - joinedAt > GIVE_UP_MS) {
        // Taken out before anyone sends it (this runs without interruption): its statements never leave.
        q.waiting.splice(q.waiting.indexOf(me), 1);
        throw new NotSent(`gave up after ${GIVE_UP_MS} ms in the group commit queue; nothing of it was sent`);
      }
      if (q.inFlight) {
        // The group on its way lost its sender: go on without it (its members learn so themselves).
        if (beats.stillFor(q.inFlight, q.inFlight.beats, now) > SILENT_MS) (q.inFlight = null), name(q, me);
      } else if (!q.leader || turns.stillFor(q, q.turn, now) > TAKEOVER_MS) {
        // Nobody's turn, or the one named never started: the named one goes in my group (at the head, as it was).
        name(q, me);
      }
    } else if (me.state === "sent" && beats.stillFor(me.group!, me.group!.beats, now) > SILENT_MS) {
      throw new OutcomeUnknown("the request sending this group commit vanished before it settled; its statements may have landed");
    }
  }
  if (me.state === "lead") {
    const group = take(q);
    q.inFlight = group;
    q.turn++;
    try {
      await sendBeating(caller, group);
    } finally {
      // A group presumed lost and replaced hands nothing over: the queue went on without it.
      if (q.inFlight === group) {
        q.inFlight = null;
        if (q.waiting.length) name(q, q.waiting[0]);
      }
    }
  }
  if (me.state === "failed") throw me.error;
  return me.results!;
}

/** Names whose turn it is to send. */
function name(q: Queue, m: Member) {
  if (q.leader && q.leader !== m && q.leader.state === "lead") q.leader.state = "waiting";
  q.leader = m;
  m.state = "lead";
  q.turn++;
}

function take(q: Queue): Group {
  const members: Member[] = [];
  const group: Group = { members, beats: 0 };
  q.leader = null;
  let size = 0;
  while (q.waiting.length && (members.length === 0 || size + q.waiting[0].statements.length <= MAX_STATEMENTS)) {
    const m = q.waiting.shift()!;
    Object.assign(m, { state: "sent", group });
    members.push(m);
    size += m.statements.length;
  }
  return group;
}

/** Sends the group, beating while D1 answers so its members can tell a slow database from a vanished sender. */
async function sendBeating(caller: Caller, group: Group) {
  let settled = false;
  const sending = send(caller, group.members).finally(() => (settled = true));
  while (!settled) {
    group.beats++;
    await Promise.race([sending.catch(() => {}), caller.wait(BEAT_MS)]);
  }
  await sending;
}

const settle = (m: Member, pending: Promise<D1Result[]>) =>
  pending.then(
    (results) => Object.assign(m, { state: "done", results }),
    (error) => Object.assign(m, { state: "failed", error }),
  );

async function send(caller: Caller, group: Member[]) {
  if (group.length === 1) return void (await settle(group[0], caller.batch(group[0].statements)));
  try {
    const results = await caller.batch(group.flatMap((m) => m.statements));
    let at = 0;
    for (const m of group) {
      Object.assign(m, { state: "done", results: results.slice(at, at + m.statements.length) });
      at += m.statements.length;
    }
  } catch {
    for (const m of group) await settle(m, caller.batch(m.statements));
  }
}
