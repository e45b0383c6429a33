// One InventoryCell per SKU × location: the only place stock decisions are made.
// Every method is one synchronous SQLite transaction, so concurrent callers are serialized and nothing interleaves.
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";
import { writeProjection } from "./projection";
import { stockArrived } from "../backorders/allocate";
import { stockChanged } from "../stock-sync/trigger";
import { type LedgerRowSql, migrateCell } from "./cell-schema";
import { auditCell } from "./cell-audit";
import type {
  CellId,
  CellSettings,
  Hold,
  HoldResult,
  LedgerEntry,
  LedgerOp,
  MovementRequest,
  MovementResult,
  ReserveRequest,
  ReturnedUnits,
  Snapshot,
} from "./types";

type CellRow = {
  sku: string | null;
  location_id: string | null;
  on_hand: number;
  held: number;
  committed: number;
  damaged: number;
  safety_stock: number;
  low_stock_threshold: number | null;
  allow_backorder: number;
  backorder_limit: number | null;
  version: number;
  updated_at: number;
};

type HoldRow = {
  id: string;
  ref: string;
  qty: number;
  state: Hold["state"];
  expires_at: number | null;
  created_at: number;
  updated_at: number;
  parent_id: string | null;
};

type Delta = { onHand?: number; held?: number; committed?: number; damaged?: number };

const PUBLISH_EVERY_MS = 1_000;
// A failed alarm wakes the cell again this much later (the runtime's own retries give up after a few).
const ALARM_RETRY_MS = 30_000;

const isActive = (state: Hold["state"]) => state === "held" || state === "committed";
/** The figure a hold in `state` counts in, changed by `qty`. */
const bucket = (state: Hold["state"], qty: number): Delta => (state === "held" ? { held: qty } : { committed: qty });

export class InventoryCell extends DurableObject<Env> {
  private sql: SqlStorage;
  /** When the alarm is set for, as far as this instance knows (undefined: not read yet). */
  private alarmAt: number | null | undefined;
  private dirty = false;
  private publishing: Promise<void> | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    ctx.blockConcurrencyWhile(async () => migrateCell(this.sql));
  }

  // ── reads ────────────────────────────────────────────────────────────────

  snapshot(): Snapshot {
    return this.toSnapshot(this.row());
  }

  ledger(afterSeq = 0, limit = 100): LedgerEntry[] {
    return this.sql
      .exec<LedgerRowSql>("SELECT * FROM ledger WHERE seq > ? ORDER BY seq LIMIT ?", afterSeq, Math.min(limit, 500))
      .toArray()
      .map(toLedgerEntry);
  }

  /** The most recent holds, newest first. */
  holds(limit = 200): Hold[] {
    return this.sql.exec<HoldRow>("SELECT * FROM holds ORDER BY created_at DESC, id DESC LIMIT ?", limit).toArray().map(toHold);
  }

  /** What the stock audit compares with D1 (src/audit/stock.ts). */
  audit() {
    return auditCell(this.sql);
  }

  // ── stock movements (receive, adjust, count) ────────────────────────────

  async move(cell: CellId, m: MovementRequest): Promise<MovementResult> {
    const result = this.ctx.storage.transactionSync((): MovementResult => {
      this.identify(cell);
      const fingerprint = JSON.stringify([m.kind, m.qty, m.reason, m.note ?? null]);
      const seen = this.sql.exec<{ fingerprint: string; seq: number }>("SELECT fingerprint, seq FROM movements WHERE key = ?", m.key).toArray()[0];
      if (seen) {
        if (seen.fingerprint !== fingerprint) return { ok: false, reason: "key_reused", snapshot: this.snapshot() };
        const entry = this.sql.exec<LedgerRowSql>("SELECT * FROM ledger WHERE seq = ?", seen.seq).one();
        return { ok: true, replayed: true, entry: toLedgerEntry(entry), snapshot: this.snapshot() };
      }
      const row = this.row();
      const delta = m.kind === "receive" ? m.qty : m.kind === "adjust" ? m.qty : m.qty - row.on_hand;
      if (row.on_hand + delta < 0) return { ok: false, reason: "negative_on_hand", snapshot: this.toSnapshot(row) };
      // A merchant's adjustment may not take away units already promised to orders. A count is physical truth and is
      // always recorded; the shortfall it reveals shows as negative availability and in the count's variance.
      if (m.kind === "adjust" && delta < 0 && row.on_hand + delta < row.held + row.committed)
        return { ok: false, reason: "stock_reserved", snapshot: this.toSnapshot(row) };
      const entry = this.apply(m.kind, m.key, m.note ? `${m.reason}: ${m.note}` : m.reason, { onHand: delta });
      this.sql.exec("INSERT INTO movements (key, fingerprint, seq, at) VALUES (?, ?, ?, ?)", m.key, fingerprint, entry.seq, entry.at);
      return { ok: true, replayed: false, entry, snapshot: this.snapshot() };
    });
    this.publish();
    this.arrived(cell, result);
    return result;
  }

  /**
   * Units a customer sent back, once per key (a receipt finished again changes nothing): restocked units go on hand
   * (a receive, reason customer_return) and are sellable at once; damaged units are kept apart in `damaged`, never
   * available.
   */
  async takeBack(cell: CellId, r: ReturnedUnits): Promise<MovementResult> {
    const result = this.ctx.storage.transactionSync((): MovementResult => {
      this.identify(cell);
      const fingerprint = JSON.stringify(["return", r.disposition, r.qty, r.ref]);
      const seen = this.sql.exec<{ fingerprint: string; seq: number }>("SELECT fingerprint, seq FROM movements WHERE key = ?", r.key).toArray()[0];
      if (seen) {
        if (seen.fingerprint !== fingerprint) return { ok: false, reason: "key_reused", snapshot: this.snapshot() };
        const entry = this.sql.exec<LedgerRowSql>("SELECT * FROM ledger WHERE seq = ?", seen.seq).one();
        return { ok: true, replayed: true, entry: toLedgerEntry(entry), snapshot: this.snapshot() };
      }
      const reason = `customer_return: ${r.ref}`;
      const entry = r.disposition === "restock" ? this.apply("receive", r.key, reason, { onHand: r.qty }) : this.apply("return_damaged", r.key, reason, { damaged: r.qty });
      this.sql.exec("INSERT INTO movements (key, fingerprint, seq, at) VALUES (?, ?, ?, ?)", r.key, fingerprint, entry.seq, entry.at);
      return { ok: true, replayed: false, entry, snapshot: this.snapshot() };
    });
    this.publish();
    this.arrived(cell, result);
    return result;
  }

  /** Stock arrived: orders waiting here for it (backorders, preorders) get their turn, oldest first. */
  private arrived(cell: CellId, result: MovementResult) {
    if (result.ok && !result.replayed && result.entry.onHandDelta > 0)
      this.ctx.waitUntil(
        stockArrived(this.env, cell.sku, cell.locationId, result.entry.seq).catch((err) =>
          console.warn("could not start backorder allocation", { locationId: cell.locationId, error: String(err) }),
        ),
      );
  }

  async configure(cell: CellId, settings: CellSettings): Promise<Snapshot> {
    const snapshot = this.ctx.storage.transactionSync(() => {
      this.identify(cell);
      const r = this.row();
      const next = {
        safety_stock: settings.safetyStock ?? r.safety_stock,
        low_stock_threshold: settings.lowStockThreshold === undefined ? r.low_stock_threshold : settings.lowStockThreshold,
        allow_backorder: settings.allowBackorder === undefined ? r.allow_backorder : Number(settings.allowBackorder),
        backorder_limit: settings.backorderLimit === undefined ? r.backorder_limit : settings.backorderLimit,
      };
      this.sql.exec(
        "UPDATE cell SET safety_stock = ?, low_stock_threshold = ?, allow_backorder = ?, backorder_limit = ? WHERE id = 1",
        next.safety_stock,
        next.low_stock_threshold,
        next.allow_backorder,
        next.backorder_limit,
      );
      this.apply("configure", null, JSON.stringify(settings), {});
      return this.snapshot();
    });
    this.publish();
    return snapshot;
  }

  // ── holds (reserve → commit → fulfill, or release / expire) ─────────────
  // A hold reserved `within` another (an order change keeping fewer units) is nested: it takes no stock while its
  // parent is active, and the figures count top-level holds only. Whatever ends a parent (release, expiry, shipping)
  // first hands each active nested hold its units (detach), so no unit is ever counted twice or dropped.

  async reserve(cell: CellId, req: ReserveRequest): Promise<HoldResult> {
    const now = Date.now();
    const result = this.ctx.storage.transactionSync((): HoldResult => {
      this.identify(cell);
      this.expireDue(now);
      const existing = this.findHold(req.holdId);
      // A retry of the same reservation: answer what happened the first time.
      if (existing) {
        return isActive(existing.state)
          ? { ok: true, hold: toHold(existing), snapshot: this.snapshot() }
          : { ok: false, reason: "hold_not_active", hold: toHold(existing), snapshot: this.snapshot() };
      }
      const parent = req.within ? this.findHold(req.within) : undefined;
      if (parent && isActive(parent.state)) return this.reserveWithin(parent, req, now);
      const row = this.row();
      const available = availableOf(row);
      const floor = row.allow_backorder ? -(row.backorder_limit ?? Number.POSITIVE_INFINITY) : 0;
      if (available - req.qty < floor) return { ok: false, reason: "insufficient_stock", hold: null, snapshot: this.toSnapshot(row) };
      const state = req.commit ? "committed" : "held";
      this.insertHold(req.holdId, req.ref, req.qty, state, now + req.ttlMs, null, now);
      this.apply("reserve", req.holdId, req.ref, bucket(state, req.qty), now);
      return { ok: true, hold: toHold(this.findHold(req.holdId)!), snapshot: this.snapshot() };
    });
    if (result.ok && result.hold.expiresAt) await this.wakeBy(result.hold.expiresAt);
    this.publish();
    return result;
  }

  /** The order is paid for: the units stop expiring and belong to it (and so do those of holds nested in it). */
  async commit(holdId: string): Promise<HoldResult> {
    return this.transition(holdId, (h) => {
      if (!isActive(h.state)) return "refuse";
      for (const child of this.nestedIn(h.id)) if (child.state === "held" || child.expires_at !== null) this.setHold(child.id, "committed", null);
      if (h.state === "committed") {
        // Committed at checkout and now vouched for by its order: no longer waiting to be settled.
        if (h.expires_at !== null) this.setHold(h.id, "committed", null);
        return "done";
      }
      this.setHold(h.id, "committed", null);
      this.apply("commit", h.id, h.ref, this.activeParent(h) ? {} : { held: -h.qty, committed: h.qty });
      return "done";
    });
  }

  /**
   * Gives the units back. `onlyIfHeld` is for sweeps of unpaid orders: a hold that was committed meanwhile is paid
   * for and must not be taken away.
   */
  async release(holdId: string, reason: string, opts: { onlyIfHeld?: boolean } = {}): Promise<HoldResult> {
    return this.transition(
      holdId,
      (h) => {
        if (h.state === "released" || h.state === "expired") return "done";
        if (h.state === "fulfilled" || (opts.onlyIfHeld && h.state !== "held")) return "refuse";
        this.end(h, "released", reason, Date.now());
        return "done";
      },
      // Releasing a hold this cell never saw leaves a tombstone, so a reservation that arrives late cannot resurrect it.
      () => this.insertHold(holdId, reason, 0, "released", null, null, Date.now()),
    );
  }

  /**
   * The units left the building: on-hand goes down with them. A count may have found fewer units than were promised;
   * the parcel shipped all the same, so on-hand goes to zero and the ledger entry says how many were missing.
   */
  async fulfill(holdId: string): Promise<HoldResult> {
    return this.transition(holdId, (h) => {
      if (h.state === "fulfilled") return "done";
      if (h.state !== "committed") return "refuse";
      const parent = this.activeParent(h);
      // A nested hold ships out of its parent's units. A parent that ships goes whole (D1 still names it, so no
      // change within it was written): the holds within it were proposals of changes that can no longer land.
      if (parent) this.detach(h, parent, Date.now());
      else for (const child of this.nestedIn(h.id)) this.end(child, "released", "the hold it would replace shipped", Date.now());
      const own = this.findHold(h.id)!;
      const onHand = Math.min(own.qty, this.row().on_hand);
      this.setHold(own.id, "fulfilled", null);
      const reason = onHand < own.qty ? `${own.ref}: shipped ${own.qty}, ${onHand} were on hand by the last count` : own.ref;
      this.apply("fulfill", own.id, reason, { onHand: -onHand, committed: -own.qty });
      return "done";
    });
  }

  /** Releases holds whose time ran out. Alarms run at least once, so this is safe to run again. */
  async alarm(): Promise<void> {
    // This alarm is being used up: whatever the cache said, a new one must be set for what is still due.
    this.alarmAt = null;
    try {
      this.ctx.storage.transactionSync(() => this.expireDue(Date.now()));
      await this.settleAwaitingOrders(Date.now());
    } catch (err) {
      // The runtime retries a failing alarm a few times and then drops it, and the cell would never wake again: keep
      // waking on our own instead, until D1 answers.
      console.warn("cell alarm failed; trying again in 30 s", { error: String(err) });
      await this.wakeBy(Date.now() + ALARM_RETRY_MS);
      this.publish();
      return;
    }
    const next = this.sql.exec<{ at: number | null }>("SELECT MIN(expires_at) AS at FROM holds WHERE state IN ('held', 'committed')").one().at;
    if (next !== null) await this.wakeBy(next);
    this.publish();
  }

  /**
   * Holds committed at checkout whose confirmation window closed: the order batch either landed (an allocation names
   * the hold: keep it, for good) or never did (the checkout died: give the units back). If D1 cannot be asked, the
   * alarm fails and runs again.
   */
  private async settleAwaitingOrders(now: number) {
    const due = this.sql
      .exec<{ id: string }>("SELECT id FROM holds WHERE state = 'committed' AND expires_at <= ?", now)
      .toArray()
      .map((h) => h.id);
    if (!due.length) return;
    const ordered = new Set<string>();
    for (let i = 0; i < due.length; i += 90) {
      const ids = due.slice(i, i + 90);
      const { results } = await this.env.DB.prepare(`SELECT hold_id FROM allocations WHERE hold_id IN (${ids.map(() => "?").join(", ")})`)
        .bind(...ids)
        .all<{ hold_id: string }>();
      for (const r of results) ordered.add(r.hold_id);
    }
    this.ctx.storage.transactionSync(() => {
      for (const id of due) {
        const h = this.findHold(id);
        if (!h || h.state !== "committed" || h.expires_at === null) continue;
        if (ordered.has(id)) this.setHold(id, "committed", null);
        else this.end(h, "released", "no order took this hold", now);
      }
    });
  }

  // ── internals ────────────────────────────────────────────────────────────

  private reserveWithin(parent: HoldRow, req: ReserveRequest, now: number): HoldResult {
    // A parent that is itself nested belongs to a change that was written (its order names it): it stands alone now.
    const grandparent = this.activeParent(parent);
    if (grandparent) this.detach(parent, grandparent, now);
    const outer = this.findHold(parent.id)!;
    const claimed = this.sql
      .exec<{ n: number }>("SELECT COALESCE(SUM(qty), 0) AS n FROM holds WHERE parent_id = ? AND state IN ('held', 'committed')", outer.id)
      .one().n;
    if (claimed + req.qty > outer.qty) return { ok: false, reason: "hold_busy", hold: toHold(outer), snapshot: this.snapshot() };
    this.insertHold(req.holdId, req.ref, req.qty, outer.state, outer.expires_at, outer.id, now);
    this.apply("reserve", req.holdId, `${req.ref} (within ${outer.id})`, {}, now);
    return { ok: true, hold: toHold(this.findHold(req.holdId)!), snapshot: this.snapshot() };
  }

  /** Ends an active hold (released or expired), first handing its units to the holds nested in it. */
  private end(h: HoldRow, to: "released" | "expired", reason: string, now: number) {
    const op = to === "expired" ? "expire" : "release";
    const keepExpiry = to === "expired" ? h.expires_at : null;
    if (this.activeParent(h)) {
      this.setHold(h.id, to, keepExpiry);
      this.apply(op, h.id, reason, {}, now);
      return;
    }
    this.detachAll(h, now);
    const own = this.findHold(h.id)!;
    this.setHold(own.id, to, keepExpiry);
    this.apply(op, own.id, reason, bucket(own.state, -own.qty), now);
  }

  /** The active holds nested in `parentId`. */
  private nestedIn(parentId: string): HoldRow[] {
    return this.sql.exec<HoldRow>("SELECT * FROM holds WHERE parent_id = ? AND state IN ('held', 'committed')", parentId).toArray();
  }

  private activeParent(h: HoldRow): HoldRow | undefined {
    if (!h.parent_id) return undefined;
    const p = this.findHold(h.parent_id);
    return p && isActive(p.state) ? p : undefined;
  }

  /** Moves a nested hold's units out of its parent: it stands on its own, the parent keeps the rest. */
  private detach(child: HoldRow, parent: HoldRow, now: number) {
    this.sql.exec("UPDATE holds SET qty = qty - ?, updated_at = ? WHERE id = ?", child.qty, now, parent.id);
    this.sql.exec("UPDATE holds SET parent_id = NULL, updated_at = ? WHERE id = ?", now, child.id);
    const d = bucket(parent.state, -child.qty);
    const add = bucket(child.state, child.qty);
    this.apply("replace", child.id, `takes ${child.qty} of ${parent.id}`, { held: (d.held ?? 0) + (add.held ?? 0), committed: (d.committed ?? 0) + (add.committed ?? 0) }, now);
  }

  private detachAll(parent: HoldRow, now: number) {
    for (const child of this.nestedIn(parent.id)) this.detach(child, this.findHold(parent.id)!, now);
  }

  private insertHold(id: string, ref: string, qty: number, state: Hold["state"], expiresAt: number | null, parentId: string | null, now: number) {
    this.sql.exec(
      "INSERT INTO holds (id, ref, qty, state, expires_at, created_at, updated_at, parent_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      id,
      ref,
      qty,
      state,
      expiresAt,
      now,
      now,
      parentId,
    );
  }

  private transition(holdId: string, step: (h: HoldRow) => "done" | "refuse", onMissing?: () => void): Promise<HoldResult> {
    const result = this.ctx.storage.transactionSync((): HoldResult => {
      this.expireDue(Date.now());
      const h = this.findHold(holdId);
      if (!h) {
        if (!onMissing) return { ok: false, reason: "hold_not_found", hold: null, snapshot: this.snapshot() };
        onMissing();
        return { ok: true, hold: toHold(this.findHold(holdId)!), snapshot: this.snapshot() };
      }
      const outcome = step(h);
      const hold = toHold(this.findHold(holdId)!);
      if (outcome === "refuse") return { ok: false, reason: "hold_not_active", hold, snapshot: this.snapshot() };
      return { ok: true, hold, snapshot: this.snapshot() };
    });
    this.publish();
    return Promise.resolve(result);
  }

  /** Expires every held hold past its time; returns how many. Runs inside the caller's transaction. */
  private expireDue(now: number): number {
    const due = this.sql.exec<{ id: string }>("SELECT id FROM holds WHERE state = 'held' AND expires_at <= ?", now).toArray();
    for (const { id } of due) {
      const h = this.findHold(id)!;
      if (h.state === "held") this.end(h, "expired", h.ref, now);
    }
    return due.length;
  }

  /** The one place figures change: updates the cell and appends the ledger entry that explains it. */
  private apply(op: LedgerOp, ref: string | null, reason: string | null, d: Delta, now = Date.now()): LedgerEntry {
    this.dirty = true;
    const onHand = d.onHand ?? 0;
    const held = d.held ?? 0;
    const committed = d.committed ?? 0;
    const damaged = d.damaged ?? 0;
    const r = this.sql
      .exec<{ on_hand: number; held: number; committed: number; damaged: number }>(
        `UPDATE cell SET on_hand = on_hand + ?, held = held + ?, committed = committed + ?, damaged = damaged + ?, version = version + 1, updated_at = ?
         WHERE id = 1 RETURNING on_hand, held, committed, damaged`,
        onHand,
        held,
        committed,
        damaged,
        now,
      )
      .one();
    const seq = this.sql
      .exec<{ seq: number }>(
        `INSERT INTO ledger (at, op, ref, reason, on_hand_delta, held_delta, committed_delta, damaged_delta, on_hand, held, committed, damaged)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
        now,
        op,
        ref,
        reason,
        onHand,
        held,
        committed,
        damaged,
        r.on_hand,
        r.held,
        r.committed,
        r.damaged,
      )
      .one().seq;
    return {
      seq,
      at: now,
      op,
      ref,
      reason,
      onHandDelta: onHand,
      heldDelta: held,
      committedDelta: committed,
      damagedDelta: damaged,
      onHand: r.on_hand,
      held: r.held,
      committed: r.committed,
      damaged: r.damaged,
    };
  }

  private identify(cell: CellId) {
    this.sql.exec("UPDATE cell SET sku = ?, location_id = ? WHERE id = 1 AND sku IS NULL", cell.sku, cell.locationId);
  }

  private row(): CellRow {
    return this.sql.exec<CellRow>("SELECT * FROM cell WHERE id = 1").one();
  }

  private findHold(id: string): HoldRow | undefined {
    return this.sql.exec<HoldRow>("SELECT * FROM holds WHERE id = ?", id).toArray()[0];
  }

  private setHold(id: string, state: Hold["state"], expiresAt: number | null) {
    this.sql.exec("UPDATE holds SET state = ?, expires_at = ?, updated_at = ? WHERE id = ?", state, expiresAt, Date.now(), id);
  }

  private toSnapshot(r: CellRow): Snapshot {
    return {
      sku: r.sku ?? "",
      locationId: r.location_id ?? "",
      onHand: r.on_hand,
      held: r.held,
      committed: r.committed,
      damaged: r.damaged,
      safetyStock: r.safety_stock,
      available: availableOf(r),
      lowStockThreshold: r.low_stock_threshold,
      allowBackorder: r.allow_backorder === 1,
      backorderLimit: r.backorder_limit,
      version: r.version,
      updatedAt: r.updated_at,
    };
  }

  private async wakeBy(at: number) {
    // An alarm set for a moment long past has run (or was dropped): read what storage says rather than trust the cache.
    if (this.alarmAt === undefined || (this.alarmAt !== null && this.alarmAt < Date.now() - ALARM_RETRY_MS)) this.alarmAt = await this.ctx.storage.getAlarm();
    if (this.alarmAt === null || at < this.alarmAt) {
      await this.ctx.storage.setAlarm(at);
      this.alarmAt = at;
    }
  }

  /**
   * Moves the D1 read model forward in the background if anything changed (apply() marks it). The first change goes
   * out at once; changes during the next PUBLISH_EVERY_MS go out together, so a busy cell costs D1 a few writes a
   * second, not one per sale. Workers that call the cell write the snapshots they get back too (checkout does so in
   * its order batch); the versioned upsert makes whichever write lands last harmless. A failed write only delays the
   * read model: the cell stays right, and its next change publishes again.
   */
  private publish() {
    if (!this.dirty || this.publishing) return;
    this.publishing = (async () => {
      while (this.dirty) {
        this.dirty = false;
        const s = this.snapshot();
        if (!s.sku) break;
        try {
          await writeProjection(this.env.DB, [s]);
          // The published figure is what channels are told: the same coalescing serves both.
          await stockChanged(this.env, s);
        } catch (err) {
          console.warn("inventory projection write failed", { locationId: s.locationId, version: s.version, error: String(err) });
          break;
        }
        await scheduler.wait(PUBLISH_EVERY_MS);
      }
      this.publishing = null;
    })();
    this.ctx.waitUntil(this.publishing);
  }
}

const availableOf = (r: Pick<CellRow, "on_hand" | "safety_stock" | "held" | "committed">) =>
  r.on_hand - r.safety_stock - r.held - r.committed;

const toHold = (h: HoldRow): Hold => ({
  id: h.id,
  ref: h.ref,
  qty: h.qty,
  state: h.state,
  expiresAt: h.expires_at,
  createdAt: h.created_at,
  updatedAt: h.updated_at,
  parentId: h.parent_id ?? null,
});


const toLedgerEntry = (r: LedgerRowSql): LedgerEntry => ({
  seq: r.seq,
  at: r.at,
  op: r.op,
  ref: r.ref,
  reason: r.reason,
  onHandDelta: r.on_hand_delta,
  heldDelta: r.held_delta,
  committedDelta: r.committed_delta,
  damagedDelta: r.damaged_delta,
  onHand: r.on_hand,
  held: r.held,
  committed: r.committed,
  damaged: r.damaged,
});
