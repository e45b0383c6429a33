// The InventoryCell's own SQLite tables. A cell migrates itself on start; `schema_version` says how far it got.
import type { LedgerOp } from "./types";

const MIGRATIONS: string[] = [
  `CREATE TABLE cell (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     sku TEXT, location_id TEXT,
     on_hand INTEGER NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
     held INTEGER NOT NULL DEFAULT 0 CHECK (held >= 0),
     committed INTEGER NOT NULL DEFAULT 0 CHECK (committed >= 0),
     safety_stock INTEGER NOT NULL DEFAULT 0,
     low_stock_threshold INTEGER,
     allow_backorder INTEGER NOT NULL DEFAULT 0,
     backorder_limit INTEGER,
     version INTEGER NOT NULL DEFAULT 0,
     updated_at INTEGER NOT NULL DEFAULT 0);
   INSERT INTO cell (id) VALUES (1);
   CREATE TABLE holds (
     id TEXT PRIMARY KEY, ref TEXT NOT NULL, qty INTEGER NOT NULL CHECK (qty >= 0),
     state TEXT NOT NULL, expires_at INTEGER, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
   CREATE INDEX holds_due ON holds (state, expires_at);
   CREATE TABLE ledger (
     seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, op TEXT NOT NULL, ref TEXT, reason TEXT,
     on_hand_delta INTEGER NOT NULL, held_delta INTEGER NOT NULL, committed_delta INTEGER NOT NULL,
     on_hand INTEGER NOT NULL, held INTEGER NOT NULL, committed INTEGER NOT NULL);
   CREATE TABLE movements (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, seq INTEGER NOT NULL, at INTEGER NOT NULL);`,
  // A hold may be reserved within another (an order change keeping fewer units): it takes no stock of its own while
  // the hold it replaces is active, so the change can be undone or finished without racing anyone for the units.
  `ALTER TABLE holds ADD COLUMN parent_id TEXT;
   CREATE INDEX holds_parent ON holds (parent_id) WHERE parent_id IS NOT NULL;`,
  // Units customers sent back damaged stay at the location apart from on-hand (never sellable); the ledger carries
  // them like the other figures, so the audit can add them up.
  `ALTER TABLE cell ADD COLUMN damaged INTEGER NOT NULL DEFAULT 0 CHECK (damaged >= 0);
   ALTER TABLE ledger ADD COLUMN damaged_delta INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE ledger ADD COLUMN damaged INTEGER NOT NULL DEFAULT 0;`,
];

export function migrateCell(sql: SqlStorage) {
  sql.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
  const current = sql.exec<{ version: number }>("SELECT version FROM schema_version").toArray()[0]?.version ?? 0;
  for (let v = current; v < MIGRATIONS.length; v++) sql.exec(MIGRATIONS[v]);
  if (current === 0) sql.exec("INSERT INTO schema_version (version) VALUES (?)", MIGRATIONS.length);
  else if (current < MIGRATIONS.length) sql.exec("UPDATE schema_version SET version = ?", MIGRATIONS.length);
}

/** A ledger row as SQLite returns it (the cell reads it, and so does the stock audit). */
export type LedgerRowSql = {
  seq: number;
  at: number;
  op: LedgerOp;
  ref: string | null;
  reason: string | null;
  on_hand_delta: number;
  held_delta: number;
  committed_delta: number;
  damaged_delta: number;
  on_hand: number;
  held: number;
  committed: number;
  damaged: number;
};
