// The stock audit: every cell (or those of one SKU or location) against itself and against D1. Reads only.
// Cells and D1 share no transaction, so a change in flight can look like a discrepancy for an instant: every cell
// that shows one is read again (cell and D1 both), and only what both passes found is reported.
import type { Env } from "../env";
import { baseSku, cellOf, stripeOfHold, stripeSku } from "../inventory/cells";
import type { CellAudit } from "../inventory/cell-audit";
import { fulfillmentLineIdOf } from "../order-changes/load";
import { findingKey, type StockDiscrepancy } from "./kinds";
import { type AllocationFact, type CellFacts, type CellKey, checkCell, type PendingChanges, type ShippedLine } from "./stock-checks";

export interface StockAudit {
  checked: { cells: number; holds: number; allocations: number; orders: number };
  discrepancies: StockDiscrepancy[];
}

export interface CellResult {
  cell: CellKey;
  /** The cell's version when it was read. */
  version: number;
  discrepancies: StockDiscrepancy[];
}

// Two values bound per cell, and D1 binds at most 100 per statement.
const CELLS_PER_READ = 40;

/** GET /v1/audit/stock: every cell the read model or an allocation names, or those of one SKU and/or location. */
export async function auditStock(env: Env, opts: { sku?: string; locationId?: string } = {}, now = Date.now()): Promise<StockAudit> {
  const { results } = await env.DB.prepare(
    `SELECT sku, location_id FROM inventory_levels WHERE (?1 IS NULL OR sku = ?1 OR sku IN (SELECT cell_sku FROM stripe_cells WHERE sku = ?1)) AND (?2 IS NULL OR location_id = ?2)
     UNION SELECT sku, location_id FROM allocations WHERE (?1 IS NULL OR sku = ?1) AND (?2 IS NULL OR location_id = ?2)
     ORDER BY location_id, sku`,
  )
    .bind(opts.sku ?? null, opts.locationId ?? null)
    .all<{ sku: string; location_id: string }>();
  const { checked, cells } = await auditCells(env, results.map((r) => ({ sku: r.sku, locationId: r.location_id })), now);
  return { checked, discrepancies: cells.flatMap((c) => c.discrepancies) };
}

/** The audit of the given cells, per cell; the cron uses it for the cells that moved. */
export async function auditCells(env: Env, cells: CellKey[], now = Date.now()): Promise<{ checked: StockAudit["checked"]; cells: CellResult[] }> {
  const first = await onePass(env, cells, now);
  const flagged = first.results.filter((r) => r.discrepancies.length);
  if (flagged.length) {
    const again = new Map((await onePass(env, flagged.map((r) => r.cell), Date.now())).results.map((r) => [cellKeyOf(r.cell), r]));
    for (const r of flagged) {
      const second = again.get(cellKeyOf(r.cell));
      const confirmed = new Set(second?.discrepancies.map(findingKey));
      r.discrepancies = second ? second.discrepancies.filter((d) => confirmed.has(findingKey(d))) : [];
      r.version = second?.version ?? r.version;
    }
  }
  return { checked: first.checked, cells: first.results };
}

async function onePass(env: Env, cells: CellKey[], now: number) {
  const checked = { cells: 0, holds: 0, allocations: 0, orders: 0 };
  const orders = new Set<string>();
  const results: CellResult[] = [];
  const changes = await pendingChanges(env.DB, now);
  for (let i = 0; i < cells.length; i += CELLS_PER_READ) {
    const chunk = cells.slice(i, i + CELLS_PER_READ);
    // D1 first: a change writes D1 after reserving on the cells, so an allocation read here names a hold that exists.
    const facts = await factsOf(env.DB, chunk, changes);
    const audits = await Promise.all(chunk.map((c) => cellOf(env, c.sku, c.locationId).audit() as Promise<CellAudit>));
    chunk.forEach((cell, j) => {
      const a = audits[j];
      const f = facts.get(cellKeyOf(cell))!;
      checked.cells++;
      checked.holds += a.holds.length + a.fulfilled.length;
      checked.allocations += f.allocations.length;
      for (const x of f.allocations) orders.add(x.orderId);
      results.push({ cell, version: a.figures.version, discrepancies: checkCell(cell, a, f, now) });
    });
  }
  checked.orders = orders.size;
  return { checked, results };
}

const cellKeyOf = (c: CellKey) => `${c.locationId}/${c.sku}`;
/** The cell a hold lives on: a striped SKU's hold names its stripe (src/inventory/cells.ts). */
const holdCellKey = (sku: string, locationId: string, holdId: string) => cellKeyOf({ sku: stripeSku(sku, stripeOfHold(holdId)), locationId });

async function factsOf(db: D1Database, cells: CellKey[], changes: PendingChanges): Promise<Map<string, CellFacts>> {
  // D1 names a striped SKU's holds by the SKU itself: the stripes of a SKU are asked for as the SKU, once.
  const skus = [...new Map(cells.map((c) => [cellKeyOf({ sku: baseSku(c.sku), locationId: c.locationId }), { sku: baseSku(c.sku), locationId: c.locationId }])).values()];
  const values = skus.map((_, i) => `(?${2 * i + 1}, ?${2 * i + 2})`).join(", ");
  const args = skus.flatMap((c) => [c.sku, c.locationId]);
  const cte = `WITH c(sku, location_id) AS (VALUES ${values})`;
  const [allocations, lines, refused] = await db.batch([
    db
      .prepare(
        `${cte} SELECT a.id, a.order_id, a.sku, a.location_id, a.quantity, a.hold_id,
                o.status, o.stock_state, o.payment_status, o.hold_expires_at
         FROM allocations a JOIN c ON c.sku = a.sku AND c.location_id = a.location_id LEFT JOIN orders o ON o.id = a.order_id`,
      )
      .bind(...args),
    db
      .prepare(
        `${cte} SELECT fl.id, fl.hold_id, fl.quantity, fl.sku, f.location_id, f.status, f.order_id
         FROM fulfillment_lines fl JOIN fulfillments f ON f.id = fl.fulfillment_id JOIN c ON c.sku = fl.sku AND c.location_id = f.location_id`,
      )
      .bind(...args),
    // Changes of these cells' orders (by the order index) that a cell refused something of while finishing.
    db
      .prepare(
        `${cte} SELECT id, order_id, kind, reserves, afterwards, note FROM stock_changes WHERE note IS NOT NULL
         AND order_id IN (SELECT a.order_id FROM allocations a JOIN c ON c.sku = a.sku AND c.location_id = a.location_id)`,
      )
      .bind(...args),
  ]);
  const out = new Map(cells.map((c) => [cellKeyOf(c), { allocations: [], shipped: [], changes, refused: [] } as CellFacts]));
  for (const c of refused.results as { id: string; order_id: string | null; kind: string; reserves: string; afterwards: string; note: string }[]) {
    const named = new Set([...parseList(c.reserves), ...parseList(c.afterwards)].map((x) => holdCellKey(String(x.sku), String(x.location_id), String(x.hold_id ?? ""))));
    for (const k of named) out.get(k)?.refused.push({ id: c.id, orderId: c.order_id, kind: c.kind, note: c.note });
  }
  const lineStatus = new Map<string, string>();
  for (const l of lines.results as { id: string; hold_id: string; quantity: number; sku: string; location_id: string; status: string; order_id: string }[]) {
    lineStatus.set(l.id, l.status);
    if (l.status === "shipped" || l.status === "delivered")
      out.get(holdCellKey(l.sku, l.location_id, l.hold_id))?.shipped.push({ holdId: l.hold_id, orderId: l.order_id, quantity: l.quantity } satisfies ShippedLine);
  }
  type Row = { id: string; order_id: string; sku: string; location_id: string; quantity: number; hold_id: string; status: string | null; stock_state: string; payment_status: string; hold_expires_at: number | null };
  for (const a of allocations.results as Row[]) {
    const fact: AllocationFact = {
      id: a.id,
      orderId: a.order_id,
      holdId: a.hold_id,
      quantity: a.quantity,
      order: a.status === null ? null : { status: a.status, stockState: a.stock_state, paymentStatus: a.payment_status, holdExpiresAt: a.hold_expires_at },
      fulfillment: lineStatus.get(fulfillmentLineIdOf(a.id)) ?? null,
    };
    out.get(holdCellKey(a.sku, a.location_id, a.hold_id))?.allocations.push(fact);
  }
  return out;
}

/** Holds unfinished stock changes account for (see migrations/0014_stock_changes.sql). */
async function pendingChanges(db: D1Database, now: number): Promise<PendingChanges> {
  const { results } = await db
    .prepare("SELECT state, reserves, afterwards, lease_until FROM stock_changes WHERE state IN ('open', 'written')")
    .all<{ state: string; reserves: string; afterwards: string; lease_until: number }>();
  const out: PendingChanges = { reserving: new Set(), afterwards: new Map() };
  for (const c of results) {
    if (c.state === "open" && c.lease_until > now) for (const r of parseList(c.reserves)) if (r.hold_id) out.reserving.add(String(r.hold_id));
    if (c.state === "written")
      for (const op of parseList(c.afterwards)) {
        if (!op.hold_id || !op.op) continue;
        const ops = out.afterwards.get(String(op.hold_id)) ?? new Set<string>();
        ops.add(String(op.op));
        out.afterwards.set(String(op.hold_id), ops);
      }
  }
  return out;
}

function parseList(json: string): Record<string, unknown>[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v as Record<string, unknown>[]) : [];
  } catch {
    return [];
  }
}
