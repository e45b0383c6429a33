// What crosses the RPC boundary between the Worker and an InventoryCell. Plain data only.

export interface CellId {
  sku: string;
  locationId: string;
}

export type HoldState = "held" | "committed" | "released" | "expired" | "fulfilled";

export interface Hold {
  id: string;
  /** What the hold is for, e.g. the order id: lets a merchant trace every reserved unit. */
  ref: string;
  qty: number;
  state: HoldState;
  expiresAt: number | null;
  createdAt: number;
  updatedAt: number;
  /** The hold this one was reserved within (it replaces it with fewer units); null once on its own. */
  parentId: string | null;
}

export interface Snapshot extends CellId {
  onHand: number;
  held: number;
  committed: number;
  safetyStock: number;
  /** Units customers sent back damaged: at the location but never sellable, so never part of on-hand or available. */
  damaged: number;
  /** onHand − safetyStock − held − committed; below zero only for backorders or a count that found less than promised. */
  available: number;
  lowStockThreshold: number | null;
  allowBackorder: boolean;
  /** How far below zero `available` may go when backorders are allowed; null means no limit. */
  backorderLimit: number | null;
  /** Grows with every change; the D1 projection only ever moves forward by it. */
  version: number;
  updatedAt: number;
}

export interface ReserveRequest {
  holdId: string;
  /**
   * Reserve straight into committed, for an order paid at checkout. Until `ttlMs` runs out the hold awaits its order:
   * then the cell looks in D1 for an allocation naming it, keeps it if one exists and gives the units back if not, so
   * a checkout that died between the cell and its order batch leaves no stock held by nobody.
   */
  commit?: boolean;
  ref: string;
  qty: number;
  ttlMs: number;
  /**
   * An active hold this one replaces with at most its units (an order change keeping fewer): the new hold takes no
   * stock while the old one is active, and takes the old one's units when it ends. Refused `hold_busy` when other holds
   * within it already claim its units (another change of the same order is under way). When the old hold is no longer
   * active this is an ordinary reservation.
   */
  within?: string;
}

export type HoldResult =
  | { ok: true; hold: Hold; snapshot: Snapshot }
  | { ok: false; reason: "insufficient_stock" | "hold_not_active" | "hold_not_found" | "hold_busy"; hold: Hold | null; snapshot: Snapshot };

export type MovementKind = "receive" | "adjust" | "count";

export interface MovementRequest {
  /** Idempotency of the movement: the same key with the same numbers changes nothing twice. */
  key: string;
  kind: MovementKind;
  /** receive: units in (> 0); adjust: signed change; count: the on-hand counted. */
  qty: number;
  reason: string;
  note?: string;
}

export type MovementResult =
  | { ok: true; replayed: boolean; entry: LedgerEntry; snapshot: Snapshot }
  | { ok: false; reason: "key_reused" | "negative_on_hand" | "stock_reserved"; snapshot: Snapshot };

/** Units a customer sent back (src/returns-receiving), once per key however often the receipt is finished. */
export interface ReturnedUnits {
  /** The receipt's movement key: the same key with the same numbers changes nothing twice. */
  key: string;
  /** restock: back on hand, sellable; damaged: kept apart in `damaged`. */
  disposition: "restock" | "damaged";
  qty: number;
  /** What they came back with (the RMA number), for the ledger's reason. */
  ref: string;
}

export interface CellSettings {
  safetyStock?: number;
  lowStockThreshold?: number | null;
  allowBackorder?: boolean;
  backorderLimit?: number | null;
}

// "replace": units of a hold move to the hold reserved within it (figures stay), see ReserveRequest.within.
// "return_damaged": units sent back damaged go to `damaged`, on-hand stays (a restocked return is a "receive").
export type LedgerOp = "receive" | "adjust" | "count" | "reserve" | "commit" | "release" | "expire" | "fulfill" | "replace" | "configure" | "return_damaged";

export interface LedgerEntry {
  seq: number;
  at: number;
  op: LedgerOp;
  /** Hold id or movement key. */
  ref: string | null;
  reason: string | null;
  onHandDelta: number;
  heldDelta: number;
  committedDelta: number;
  damagedDelta: number;
  /** The cell's figures right after this entry. */
  onHand: number;
  held: number;
  committed: number;
  damaged: number;
}
