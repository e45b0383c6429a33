// Group commit, driven directly against the real local D1: members share batches, one member's failure stays its
// own, a member that gave up before its statements left never lands, and a leader whose request vanished (before or
// while sending) stalls nobody for long. Requests that vanish, stall or jump in time are callers (src/db/together.ts
// Caller) whose timers or batches never come back, or whose clock is moved on: no test waits on the wall clock.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { type Sql, sql } from "../../src/db/sql";
import { type Caller, NotSent, OutcomeUnknown, batchTogether, callerOf, joinGroup } from "../../src/db/together";

beforeAll(async () => {
  await env.DB.prepare("CREATE TABLE IF NOT EXISTS together_rows (id TEXT PRIMARY KEY)").run();
});

let n = 0;
const row = (label: string) => `${label}-${++n}`;
const put = (id: string): Sql[] => [sql("INSERT INTO together_rows (id) VALUES (?)", id)];
const landed = async (ids: string[]) =>
  (await env.DB.prepare("SELECT id FROM together_rows WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id").bind(JSON.stringify(ids)).all<{ id: string }>()).results.map(
    (r) => r.id,
  );

const real = () => callerOf(env.DB);
const never = () => new Promise<never>(() => {});

/** A request whose batch waits until the test opens the gate: a group on its way for as long as the test likes. */
function gated() {
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  const caller: Caller = { ...real(), batch: async (s) => (await gate, real().batch(s)) };
  return { caller, open };
}

/** A request that vanished right after joining: none of its timers fire again, none of its batches answer. */
const vanished = (): Caller => ({ now: () => Date.now(), wait: never, batch: never });

/** A request that vanishes the moment it sends: its batch never answers and it never beats again. */
function vanishesWhenSending(): Caller {
  let gone = false;
  return { now: () => Date.now(), wait: (ms) => (gone ? never() : scheduler.wait(ms)), batch: () => ((gone = true), never()) };
}

/** A request whose clock the test moves on. */
function skewed() {
  const c = { skew: 0, caller: undefined as unknown as Caller };
  c.caller = { ...real(), now: () => Date.now() + c.skew };
  return c;
}

/** Resolves once the sender has its group on its way (the gate holds it there). */
const untilSending = () => scheduler.wait(20);

describe("group commit", () => {
  it("lets concurrent members share round trips, each getting its own results", async () => {
    const queue = {};
    let trips = 0;
    const counting: Caller = { ...real(), batch: (s) => (trips++, real().batch(s)) };
    const ids = Array.from({ length: 8 }, () => row("shared"));
    const results = await Promise.all(ids.map((id) => joinGroup(queue, [...put(id), sql("SELECT ? AS id", id)], counting)));
    expect(results.map((r) => r[1].results[0])).toEqual(ids.map((id) => ({ id })));
    expect(await landed(ids)).toEqual([...ids].sort());
    // The first goes at once and alone; those that arrived meanwhile go together.
    expect(trips).toBeLessThan(ids.length);
  });

  it("keeps the public batchTogether(db, statements)", async () => {
    const id = row("public");
    const [res] = await batchTogether(env.DB, [sql("INSERT INTO together_rows (id) VALUES (?) RETURNING id", id)]);
    expect(res.results).toEqual([{ id }]);
  });

  it("does not let a failing member undo the others of its group", async () => {
    const queue = {};
    const first = gated();
    const [a, good] = [row("a"), row("good")];
    const sending = joinGroup(queue, put(a), first.caller);
    await untilSending();
    const bad = joinGroup(queue, [sql("INSERT INTO no_such_table (x) VALUES (1)")], real());
    const fine = joinGroup(queue, put(good), real());
    first.open();
    await sending;
    await expect(bad).rejects.toThrow(/no_such_table/);
    await expect(bad).rejects.not.toBeInstanceOf(NotSent);
    expect((await fine)[0].success).toBe(true);
    expect(await landed([a, good])).toEqual([a, good].sort());
  });

  it("never sends the statements of a member that gave up before they left, and says they did not land", async () => {
    const queue = {};
    const first = gated();
    const late = skewed();
    const [a, quitter, after] = [row("a"), row("quitter"), row("after")];
    const sending = joinGroup(queue, put(a), first.caller);
    await untilSending();
    const gaveUp = joinGroup(queue, put(quitter), late.caller);
    const behind = joinGroup(queue, put(after), real());
    late.skew = 60_000; // its clock says it has waited a minute: it gives up at its next look
    await expect(gaveUp).rejects.toBeInstanceOf(NotSent);
    first.open();
    await sending;
    await behind;
    expect(await landed([a, quitter, after])).toEqual([a, after].sort());
  });

  it("goes on without a named leader whose request vanished, sending its statements with the next group", async () => {
    const queue = {};
    const first = gated();
    const [a, ghost, next] = [row("a"), row("ghost"), row("next")];
    const sending = joinGroup(queue, put(a), first.caller);
    await untilSending();
    void joinGroup(queue, put(ghost), vanished()); // next in line, and gone: it will never take its turn
    const waiting = joinGroup(queue, put(next), real());
    first.open();
    await sending;
    expect((await waiting)[0].success).toBe(true);
    // The ghost never gave up, so its statements went with the group that took over.
    expect(await landed([a, ghost, next])).toEqual([a, ghost, next].sort());
  });

  it("tells the members of a group whose sender vanished that the outcome is unknown, and the queue goes on", async () => {
    const queue = {};
    const first = gated();
    const [a, ghost, rider, later] = [row("a"), row("ghost"), row("rider"), row("later")];
    const sending = joinGroup(queue, put(a), first.caller);
    await untilSending();
    void joinGroup(queue, put(ghost), vanishesWhenSending()); // named next; sends, then its request is gone
    const riding = joinGroup(queue, put(rider), real()); // goes in the ghost's group
    first.open();
    await sending;
    await expect(riding).rejects.toBeInstanceOf(OutcomeUnknown);
    // Someone arriving behind the lost group is not held up by it.
    expect((await joinGroup(queue, put(later), real()))[0].success).toBe(true);
    expect(await landed([a, later])).toEqual([a, later].sort());
  });
});
