// What the stock audit (src/audit/) needs to know of one cell, read from the cell's own SQLite in one pass. Pure over
// `sql`: it reads and never writes, so it may run beside anything the cell does. The audit compares it with D1.
import type { LedgerRowSql } from "./cell-schema";

export interface AuditHold {
  id: string;
  ref: string;
  qty: number;
  state: "held" | "committed";
  expiresAt: number | null;
  createdAt: number;
  /** The hold this one is nested in (null: top level, or the cell has no nested holds). */
  parentId: string | null;
  /** False for a hold nested in an active one: its units are the parent's, so the figures do not count them. */
  counted: boolean;
}

/** A hold that is fulfilled, or that fulfil entries of the ledger name. */
export interface FulfilledHold {
  id: string;
  /** null: the ledger names a hold the cell does not have. */
  state: string | null;
  qty: number | null;
  /**
   * Units the cell's fulfil entries for this hold shipped (taken off committed; on-hand may have fallen by fewer when
   * a count had found less than was promised).
   */
  units: number;
  entries: number;
}

export interface BrokenLedgerRow {
  seq: number;
  op: string;
  expected: Figures;
  found: Figures;
}

export interface Figures {
  onHand: number;
  held: number;
  committed: number;
  /** Units sent back damaged, kept apart (never part of onHand). */
  damaged: number;
}

export interface CellAudit {
  sku: string | null;
  locationId: string | null;
  figures: Figures & { safetyStock: number; allowBackorder: boolean; backorderLimit: number | null; version: number };
  ledger: {
    rows: number;
    /** Sums of the deltas of every row. */
    sums: Figures;
    /** The first rows whose running figures do not follow from the row before and their own deltas (at most 20). */
    broken: BrokenLedgerRow[];
    brokenCount: number;
    /**
     * When the cell promises more units than it has (beyond what backorders allow, safety stock aside): the ledger row
     * that made it so and the op of that row (a count that found less, a settings change), else null.
     */
    shortSince: { seq: number; op: string } | null;
  };
  /** Active holds (held or committed). */
  holds: AuditHold[];
  fulfilled: FulfilledHold[];
}

type Settings = { safetyStock: number; allowBackorder: boolean; backorderLimit: number | null };

/** How far below zero on_hand − held − committed may go under these settings. */
const floorOf = (s: Pick<Settings, "allowBackorder" | "backorderLimit">) =>
  s.allowBackorder ? -(s.backorderLimit ?? Number.POSITIVE_INFINITY) : 0;

export function auditCell(sql: SqlStorage): CellAudit {
  const c = sql
    .exec<{
      sku: string | null;
      location_id: string | null;
      on_hand: number;
      held: number;
      committed: number;
      damaged: number;
      safety_stock: number;
      allow_backorder: number;
      backorder_limit: number | null;
      version: number;
    }>("SELECT sku, location_id, on_hand, held, committed, damaged, safety_stock, allow_backorder, backorder_limit, version FROM cell WHERE id = 1")
    .one();
  return {
    sku: c.sku,
    locationId: c.location_id,
    figures: {
      onHand: c.on_hand,
      held: c.held,
      committed: c.committed,
      damaged: c.damaged,
      safetyStock: c.safety_stock,
      allowBackorder: c.allow_backorder === 1,
      backorderLimit: c.backorder_limit,
      version: c.version,
    },
    ledger: walkLedger(sql),
    holds: activeHolds(sql),
    fulfilled: fulfilledHolds(sql),
  };
}

/** One pass over the ledger, oldest first (a cursor: the ledger is never held in memory whole). */
function walkLedger(sql: SqlStorage): CellAudit["ledger"] {
  const out: CellAudit["ledger"] = { rows: 0, sums: { onHand: 0, held: 0, committed: 0, damaged: 0 }, broken: [], brokenCount: 0, shortSince: null };
  let prev: Figures = { onHand: 0, held: 0, committed: 0, damaged: 0 };
  // Settings as they stood at each row, replayed from the configure rows (their reason is the settings given).
  const settings: Settings = { safetyStock: 0, allowBackorder: false, backorderLimit: null };
  let wasShort = false;
  const rows = sql.exec<Omit<LedgerRowSql, "at" | "ref">>(
    "SELECT seq, op, reason, on_hand_delta, held_delta, committed_delta, damaged_delta, on_hand, held, committed, damaged FROM ledger ORDER BY seq",
  );
  for (const r of rows) {
    out.rows++;
    out.sums.onHand += r.on_hand_delta;
    out.sums.held += r.held_delta;
    out.sums.committed += r.committed_delta;
    out.sums.damaged += r.damaged_delta;
    const expected = { onHand: prev.onHand + r.on_hand_delta, held: prev.held + r.held_delta, committed: prev.committed + r.committed_delta, damaged: prev.damaged + r.damaged_delta };
    const found = { onHand: r.on_hand, held: r.held, committed: r.committed, damaged: r.damaged };
    if (expected.onHand !== found.onHand || expected.held !== found.held || expected.committed !== found.committed || expected.damaged !== found.damaged) {
      out.brokenCount++;
      if (out.broken.length < 20) out.broken.push({ seq: r.seq, op: r.op, expected, found });
    }
    prev = found;
    if (r.op === "configure") replaySettings(settings, r.reason);
    const short = found.onHand - found.held - found.committed < floorOf(settings);
    if (short && !wasShort) out.shortSince = { seq: r.seq, op: r.op };
    if (!short) out.shortSince = null;
    wasShort = short;
  }
  return out;
}

function replaySettings(s: Settings, reason: string | null) {
  try {
    const given = JSON.parse(reason ?? "{}") as Partial<Settings>;
    if (typeof given.safetyStock === "number") s.safetyStock = given.safetyStock;
    if (typeof given.allowBackorder === "boolean") s.allowBackorder = given.allowBackorder;
    if (given.backorderLimit !== undefined) s.backorderLimit = given.backorderLimit;
  } catch {
    // A reason that is not the settings' JSON changes nothing the audit can replay.
  }
}

function activeHolds(sql: SqlStorage): AuditHold[] {
  // parent_id arrives with nested holds; a cell migrated before them has no such column.
  const nested = sql.exec("SELECT 1 FROM pragma_table_info('holds') WHERE name = 'parent_id'").toArray().length > 0;
  const rows = sql
    .exec<{ id: string; ref: string; qty: number; state: AuditHold["state"]; expires_at: number | null; created_at: number; parent_id: string | null }>(
      `SELECT id, ref, qty, state, expires_at, created_at, ${nested ? "parent_id" : "NULL AS parent_id"}
       FROM holds WHERE state IN ('held', 'committed') ORDER BY created_at, id`,
    )
    .toArray();
  const active = new Set(rows.map((h) => h.id));
  return rows.map((h) => ({
    id: h.id,
    ref: h.ref,
    qty: h.qty,
    state: h.state,
    expiresAt: h.expires_at,
    createdAt: h.created_at,
    parentId: h.parent_id,
    counted: h.parent_id === null || !active.has(h.parent_id),
  }));
}

function fulfilledHolds(sql: SqlStorage): FulfilledHold[] {
  return sql
    .exec<{ id: string; state: string | null; qty: number | null; units: number; entries: number }>(
      `WITH f AS (SELECT ref, -SUM(committed_delta) AS units, COUNT(*) AS entries FROM ledger WHERE op = 'fulfill' GROUP BY ref)
       SELECT h.id, h.state, h.qty, COALESCE(f.units, 0) AS units, COALESCE(f.entries, 0) AS entries
       FROM holds h LEFT JOIN f ON f.ref = h.id WHERE h.state = 'fulfilled' OR f.ref IS NOT NULL
       UNION ALL
       SELECT f.ref, NULL, NULL, f.units, f.entries FROM f WHERE f.ref NOT IN (SELECT id FROM holds)`,
    )
    .toArray()
    .map((r) => ({ id: r.id, state: r.state, qty: r.qty, units: r.units, entries: r.entries }));
}
