// Cell data (camelCase, internal) as the API shows it (snake_case).
import type { Hold, LedgerEntry, Snapshot } from "./types";

export const presentLevel = (s: Snapshot) => ({
  sku: s.sku,
  location_id: s.locationId,
  on_hand: s.onHand,
  held: s.held,
  committed: s.committed,
  damaged: s.damaged,
  safety_stock: s.safetyStock,
  available: s.available,
  low_stock_threshold: s.lowStockThreshold,
  allow_backorder: s.allowBackorder,
  backorder_limit: s.backorderLimit,
  version: s.version,
  updated_at: s.updatedAt,
});

export const presentEntry = (e: LedgerEntry) => ({
  seq: e.seq,
  at: e.at,
  op: e.op,
  ref: e.ref,
  reason: e.reason,
  on_hand_delta: e.onHandDelta,
  held_delta: e.heldDelta,
  committed_delta: e.committedDelta,
  damaged_delta: e.damagedDelta,
  on_hand: e.onHand,
  held: e.held,
  committed: e.committed,
  damaged: e.damaged,
});

export const presentHold = (h: Hold) => ({
  id: h.id,
  ref: h.ref,
  quantity: h.qty,
  state: h.state,
  expires_at: h.expiresAt,
  created_at: h.createdAt,
});
