// A stock change as D1 keeps it (table stock_changes, migrations/0014): what it reserves before its outcome is written,
// what the cells must do once it is, and how far it got. See change.ts for the phases.
import { type Sql, sql } from "../db/sql";
import { sha256Hex } from "../http/crypto";

export type ChangeState = "open" | "written" | "done" | "abandoned";

/** A hold the change reserves before its outcome is written; released again if the change is abandoned. */
export interface Reserve {
  holdId: string;
  sku: string;
  locationId: string;
  qty: number;
  commit: boolean;
  ttlMs: number;
  /** The hold this one replaces with fewer units (see ReserveRequest.within). */
  within?: string;
}

/** A cell operation that follows the written outcome. */
export type Afterward = HoldAfterward | ReturnAfterward | MoveAfterward;

/** What becomes of a hold once the outcome is written. */
export interface HoldAfterward {
  op: "release" | "fulfill" | "commit";
  holdId: string;
  sku: string;
  locationId: string;
  reason: string;
}

/**
 * Units a customer sent back, taken onto the cell once the receipt is written: restocked (on hand again) or damaged
 * (kept apart). Keyed like a stock movement, so finishing the change again never counts them twice.
 */
export interface ReturnAfterward {
  op: "restock_return" | "damaged_return";
  key: string;
  qty: number;
  sku: string;
  locationId: string;
  /** The RMA number, for the ledger's reason. */
  reason: string;
}

/**
 * Units moved between two cells of one SKU at one location (stripes, src/striping/): taken off `sku` (an adjustment
 * keyed `<key>:out`, refused if the units are promised meanwhile), and only once that is done put on `to` (keyed
 * `<key>:in`). Both keyed, so finishing again moves them once; never in, unless out.
 */
export interface MoveAfterward {
  op: "move_units";
  key: string;
  qty: number;
  sku: string;
  locationId: string;
  /** The SKU of the cell the units go to (a stripe's own SKU, see src/inventory/cells.ts). */
  to: string;
  reason: string;
}

export interface ChangePlan {
  id: string;
  orderId: string | null;
  kind: string;
  reserves: Reserve[];
  afterwards: Afterward[];
}

// The request that began a change is presumed alive this long; then the sweep drives the change to its end. Longer
// than any request lives (a checkout's answer is stored with its Idempotency-Key, whose lock lasts as long).
export const LEASE_MS = 60_000;

/** Hold ids come from the change: only the change that reserved a hold may give it back when abandoned. */
export const holdIdOf = async (changeId: string, ...parts: (string | number)[]) =>
  `hold_${(await sha256Hex([changeId, ...parts].join("\n"))).slice(0, 32)}`;

type ReserveJson = { hold_id: string; sku: string; location_id: string; qty: number; commit: boolean; ttl_ms: number; within?: string };
type AfterJson = { op: Afterward["op"]; hold_id?: string; key?: string; qty?: number; sku: string; location_id: string; reason: string; to?: string };

const reservesJson = (list: Reserve[]) =>
  JSON.stringify(list.map((r): ReserveJson => ({ hold_id: r.holdId, sku: r.sku, location_id: r.locationId, qty: r.qty, commit: r.commit, ttl_ms: r.ttlMs, ...(r.within ? { within: r.within } : {}) })));
const afterwardsJson = (list: Afterward[]) =>
  JSON.stringify(
    list.map((a): AfterJson =>
      "holdId" in a
        ? { op: a.op, hold_id: a.holdId, sku: a.sku, location_id: a.locationId, reason: a.reason }
        : { op: a.op, key: a.key, qty: a.qty, sku: a.sku, location_id: a.locationId, reason: a.reason, ...(a.op === "move_units" ? { to: a.to } : {}) },
    ),
  );

export const parseReserves = (text: string): Reserve[] =>
  (JSON.parse(text) as ReserveJson[]).map((r) => ({ holdId: r.hold_id, sku: r.sku, locationId: r.location_id, qty: r.qty, commit: r.commit, ttlMs: r.ttl_ms, within: r.within }));
export const parseAfterwards = (text: string): Afterward[] =>
  (JSON.parse(text) as AfterJson[]).map((a): Afterward =>
    a.op === "move_units"
      ? { op: a.op, key: a.key!, qty: a.qty!, sku: a.sku, locationId: a.location_id, to: a.to!, reason: a.reason }
      : a.op === "restock_return" || a.op === "damaged_return"
      ? { op: a.op, key: a.key!, qty: a.qty!, sku: a.sku, locationId: a.location_id, reason: a.reason }
      : { op: a.op, holdId: a.hold_id!, sku: a.sku, locationId: a.location_id, reason: a.reason },
  );

/** Records a change before any cell is touched, leased to the request that makes it. */
export const beginSql = (p: ChangePlan, now: number): Sql =>
  sql(
    `INSERT INTO stock_changes (id, order_id, kind, state, reserves, afterwards, lease_until, created_at) VALUES (?, ?, ?, 'open', ?, ?, ?, ?)`,
    p.id,
    p.orderId,
    p.kind,
    reservesJson(p.reserves),
    afterwardsJson(p.afterwards),
    now + LEASE_MS,
    now,
  );

/** More holds for an open change (a checkout planning a SKU again), recorded before they are reserved. */
export const moreReservesSql = (p: ChangePlan): Sql =>
  sql("UPDATE stock_changes SET reserves = ? WHERE id = ? AND state = 'open'", reservesJson(p.reserves), p.id);

/**
 * Goes in the outcome's own batch: moves the change on, and fails the whole batch (NOT NULL on state) unless the
 * change is still open. So an outcome never lands for a change the sweep already abandoned, and the sweep never
 * abandons a change whose outcome landed.
 */
export const writtenSql = (p: ChangePlan, now: number): Sql =>
  sql(
    `UPDATE stock_changes SET state = CASE WHEN state = 'open' THEN ?2 ELSE NULL END, finished_at = ?3, afterwards = ?4 WHERE id = ?1`,
    p.id,
    p.afterwards.length ? "written" : "done",
    p.afterwards.length ? null : now,
    afterwardsJson(p.afterwards),
  );

/** A change that reserves nothing needs no record beforehand: it is recorded as written in its outcome's batch. */
export const recordWrittenSql = (p: ChangePlan, now: number): Sql =>
  sql(
    `INSERT INTO stock_changes (id, order_id, kind, state, reserves, afterwards, lease_until, created_at, finished_at) VALUES (?, ?, ?, ?, '[]', ?, ?, ?, ?)`,
    p.id,
    p.orderId,
    p.kind,
    p.afterwards.length ? "written" : "done",
    afterwardsJson(p.afterwards),
    now + LEASE_MS,
    now,
    p.afterwards.length ? null : now,
  );

/** Whether a batch failed because its change was no longer open (see writtenSql). */
export const isChangeClosed = (err: unknown) => String(err).includes("NOT NULL constraint failed: stock_changes.state");
