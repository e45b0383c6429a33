// The one recovery path for every change that spans the InventoryCells and D1 (after Brandur Leach's idempotency
// keys with recovery points). Phases, each safe to repeat:
//   1. begin    record the change in D1 with the keyed holds it will reserve, leased to this request;
//   2. reserve  make those holds on the cells (idempotent by hold id; the ids come from the change id, so they are
//               this change's own and nobody else's);
//   3. write    the outcome in one D1 batch that also moves the change to `written` — and fails unless it is still
//               `open` (so it cannot land after the sweep gave up on it);
//   4. finish   the cell operations that follow the outcome (release replaced holds, fulfil shipped ones), then `done`.
// A request that fails before 3 abandons the change: the record moves to `abandoned` first (only if still open), then
// its holds are released. A request that dies leaves the record behind; once its lease is over the sweep does the same
// (drive.ts). No catch block anywhere releases a hold another request may own.
import { noteSnapshots } from "../read-model/cache";
import { batchTogether } from "../db/together";
import { prepareAll, type Sql, sql } from "../db/sql";
import type { Env } from "../env";
import { cellOf } from "../inventory/cells";
import { newestPerCell, projectionSql } from "../inventory/projection";
import type { HoldResult, Snapshot } from "../inventory/types";
import { type Afterward, type MoveAfterward, type ReturnAfterward, beginSql, type ChangePlan, moreReservesSql, type Reserve, recordWrittenSql, writtenSql } from "./record";

export interface Reserved {
  reserve: Reserve;
  result: HoldResult;
}

export class StockChange {
  private reserved = 0;

  private constructor(
    private readonly env: Env,
    readonly plan: ChangePlan,
  ) {}

  /** Phase 1. Concurrent requests of an isolate share the round trip (group commit). */
  static async begin(env: Env, plan: ChangePlan): Promise<StockChange> {
    if (plan.reserves.length) await batchTogether(env.DB, [beginSql(plan, Date.now())]);
    return new StockChange(env, plan);
  }

  /**
   * Phase 1 with the caller's own statements in the same round trip, before the record (a checkout counts its
   * shopper's reservation window here): their results come back, in order. Nothing is reserved yet either way.
   */
  static async beginWith(env: Env, plan: ChangePlan, alongside: Sql[]): Promise<{ change: StockChange; results: D1Result[] }> {
    const statements = [...alongside, ...(plan.reserves.length ? [beginSql(plan, Date.now())] : [])];
    const results = statements.length ? await batchTogether(env.DB, statements) : [];
    return { change: new StockChange(env, plan), results: results.slice(0, alongside.length) };
  }

  /**
   * Gives up a change before asking any cell for anything (its caller refused the request right after begin): no
   * reservation of it can be on its way, so no cell needs a tombstone. Closed only if still open.
   */
  async abandonUnreserved(): Promise<void> {
    if (this.reserved > 0) throw new Error("abandonUnreserved: this change has asked cells for holds; abandon() it");
    if (!this.plan.reserves.length) return;
    await batchTogether(this.env.DB, [sql("UPDATE stock_changes SET state = 'abandoned', finished_at = ? WHERE id = ? AND state = 'open'", Date.now(), this.plan.id)]);
  }

  /** A change as D1 recorded it (the sweep, or the order's next change, drives it on). */
  static from(env: Env, plan: ChangePlan): StockChange {
    const change = new StockChange(env, plan);
    change.reserved = plan.reserves.length;
    return change;
  }

  /** For a change that reserves nothing: it is recorded with its outcome (see outcomeSql). */
  static without(env: Env, plan: Omit<ChangePlan, "reserves">): StockChange {
    return new StockChange(env, { ...plan, reserves: [] });
  }

  /** Phase 2: the recorded holds not reserved yet. */
  async reserve(): Promise<Reserved[]> {
    const todo = this.plan.reserves.slice(this.reserved);
    this.reserved = this.plan.reserves.length;
    const results = await Promise.all(
      todo.map((r) =>
        cellOf(this.env, r.sku, r.locationId).reserve(
          { sku: r.sku, locationId: r.locationId },
          { holdId: r.holdId, ref: this.plan.orderId ?? this.plan.id, qty: r.qty, ttlMs: r.ttlMs, commit: r.commit, within: r.within },
        ),
      ),
    );
    noteSnapshots(results.map((r) => r.snapshot));
    return todo.map((reserve, i) => ({ reserve, result: results[i] }));
  }

  /** More holds after a first try (planning a SKU again from the cells' own figures): recorded first, then reserved. */
  async reserveMore(more: Reserve[]): Promise<Reserved[]> {
    this.plan.reserves.push(...more);
    await batchTogether(this.env.DB, [moreReservesSql(this.plan)]);
    return this.reserve();
  }

  /** The cell operations that follow the outcome, known once the change is planned. (Not `then`: it would make the change a thenable.) */
  followedBy(...afterwards: Afterward[]) {
    this.plan.afterwards.push(...afterwards);
    return this;
  }

  /** Phase 3's own statement, for the outcome's batch. */
  outcomeSql(now = Date.now()): Sql {
    return this.plan.reserves.length ? writtenSql(this.plan, now) : recordWrittenSql(this.plan, now);
  }

  /**
   * Phase 3: runs the outcome batch (through `run`, which maps its own errors) with the change's statement in it. If
   * the batch is refused the change is abandoned (its holds go back) and the error goes on to the caller.
   */
  async write<T>(statements: Sql[], run: (statements: Sql[]) => Promise<T>): Promise<T> {
    try {
      return await run([...statements, this.outcomeSql()]);
    } catch (err) {
      await this.abandon().catch((e) => console.warn("could not abandon a stock change; the sweep will", { id: this.plan.id, error: String(e) }));
      throw err;
    }
  }

  /**
   * Gives up: the record moves to abandoned first, and only if it was still open are its holds released (they are
   * its own). If its outcome did land meanwhile, it is finished instead. Safe to run again, from anywhere.
   */
  async abandon(): Promise<"abandoned" | "finished" | "closed"> {
    if (!this.plan.reserves.length) return "closed";
    const now = Date.now();
    const [closed, current] = await this.env.DB.batch([
      this.env.DB.prepare("UPDATE stock_changes SET state = 'abandoned', finished_at = ? WHERE id = ? AND state = 'open' RETURNING id").bind(now, this.plan.id),
      this.env.DB.prepare("SELECT state FROM stock_changes WHERE id = ?").bind(this.plan.id),
    ]);
    if (closed.results.length) {
      // Tombstones too for holds never reached: a reservation still on its way cannot take the units afterwards.
      await this.onCells(this.plan.reserves.map((r) => ({ op: "release", holdId: r.holdId, sku: r.sku, locationId: r.locationId, reason: `${this.plan.kind} abandoned` })));
      return "abandoned";
    }
    if ((current.results[0] as { state?: string } | undefined)?.state === "written") {
      await this.finish();
      return "finished";
    }
    // Done or abandoned already; or never recorded, so nothing was reserved either.
    return "closed";
  }

  /** Phase 4: the cell operations after the outcome, then done. Safe to run again (cell operations are keyed). */
  async finish(): Promise<void> {
    if (!this.plan.afterwards.length) return;
    const { snapshots, refused } = await this.onCells(this.plan.afterwards);
    const note = refused.length ? JSON.stringify(refused) : null;
    await this.env.DB.batch(
      prepareAll(this.env.DB, [
        sql("UPDATE stock_changes SET state = 'done', finished_at = ?, note = ? WHERE id = ? AND state = 'written'", Date.now(), note, this.plan.id),
        ...newestPerCell(snapshots).map(projectionSql),
      ]),
    );
  }

  private async onCells(ops: Afterward[]): Promise<{ snapshots: Snapshot[]; refused: Refused[] }> {
    const results = await Promise.all(ops.map((a) => onCell(this.env, a)));
    const snapshots = results.map((r) => r.snapshot);
    noteSnapshots(snapshots);
    const refused = results.flatMap((r, i) => (r.refused ? [r.refused] : []));
    return { snapshots, refused };
  }
}

/** Out of one cell, then (only if that was done) into the other; each step keyed, so a retry moves the units once. */
async function moveUnits(env: Env, a: MoveAfterward): Promise<{ snapshot: Snapshot; refused: Refused | null }> {
  const out = await cellOf(env, a.sku, a.locationId).move({ sku: a.sku, locationId: a.locationId }, { key: `${a.key}:out`, kind: "adjust", qty: -a.qty, reason: a.reason });
  if (!out.ok) return { snapshot: out.snapshot, refused: { op: a.op, key: a.key, reason: out.reason } };
  const into = await cellOf(env, a.to, a.locationId).move({ sku: a.to, locationId: a.locationId }, { key: `${a.key}:in`, kind: "adjust", qty: a.qty, reason: a.reason });
  return { snapshot: into.snapshot, refused: into.ok ? null : { op: a.op, key: a.key, reason: into.reason } };
}

const isReturned = (a: Afterward): a is ReturnAfterward => a.op === "restock_return" || a.op === "damaged_return";

type Refused = { op: string; hold_id: string; state: string | null } | { op: string; key: string; reason: string };

/** One cell operation; a refusal says what was refused and why (the change's note, for the stock audit). */
async function onCell(env: Env, a: Afterward): Promise<{ snapshot: Snapshot; refused: Refused | null }> {
  if (a.op === "move_units") return moveUnits(env, a);
  const cell = cellOf(env, a.sku, a.locationId);
  if (isReturned(a)) {
    const r = await cell.takeBack({ sku: a.sku, locationId: a.locationId }, { key: a.key, disposition: a.op === "restock_return" ? "restock" : "damaged", qty: a.qty, ref: a.reason });
    return { snapshot: r.snapshot, refused: r.ok ? null : { op: a.op, key: a.key, reason: r.reason } };
  }
  const r = await (a.op === "release" ? cell.release(a.holdId, a.reason) : a.op === "fulfill" ? cell.fulfill(a.holdId) : cell.commit(a.holdId));
  return { snapshot: r.snapshot, refused: r.ok ? null : { op: a.op, hold_id: a.holdId, state: r.hold?.state ?? null } };
}
