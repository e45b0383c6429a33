import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { idempotencyScope } from "../http/idempotency";
import { conflict, unprocessable } from "../http/problem";
import { cellOf } from "./cells";
import { assertCellExists } from "./lookups";
import { presentEntry, presentHold, presentLevel } from "./present";
import { writeProjection } from "./projection";
import { noteSnapshots } from "../read-model/cache";
import { liveFigures, NOT_A_STRIPE, refuseCountWhileStriped, withStripes } from "../striping/levels";
import { recordCount } from "../count-tasks/store";
import type { configureCell, getCell, listHolds, listLedger, listLevels, recordMovement } from "./routes";

export const move: RouteHandler<typeof recordMovement, AppEnv> = async (c) => {
  const m = c.req.valid("json");
  await assertCellExists(c.env.DB, m.location_id, m.sku);
  if (m.kind === "count") await refuseCountWhileStriped(c.env.DB, m.sku, m.location_id);
  // The cell remembers the key's scope too, so a retry after a crash or a 5xx between the cell and D1 moves stock once.
  const key = idempotencyScope(c)!;
  const result = await cellOf(c.env, m.sku, m.location_id).move(
    { sku: m.sku, locationId: m.location_id },
    { key, kind: m.kind, qty: m.quantity, reason: m.reason, note: m.note },
  );
  if (!result.ok) {
    const level = presentLevel(result.snapshot);
    if (result.reason === "key_reused") throw unprocessable("idempotency_key_reused", "This key already moved other stock.");
    if (result.reason === "negative_on_hand")
      throw conflict("negative_on_hand", `On-hand would drop below zero (on hand: ${level.on_hand}).`, { level });
    throw conflict("stock_reserved", `${level.held + level.committed} units are promised to orders; count instead if they are gone.`, { level });
  }
  await writeProjection(c.env.DB, [result.snapshot]);
  noteSnapshots([result.snapshot]);
  // A count's variance, kept in D1 for inventory accuracy; it closes the cell's open count task.
  if (m.kind === "count") await recordCount(c.env.DB, { locationId: m.location_id, sku: m.sku }, result.entry);
  return c.json({ entry: presentEntry(result.entry), level: presentLevel(result.snapshot) }, 201);
};

export const levels: RouteHandler<typeof listLevels, AppEnv> = async (c) => {
  const q = c.req.valid("query");
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.sku) where.push("sku = ?"), args.push(q.sku);
  if (q.location_id) where.push("location_id = ?"), args.push(q.location_id);
  where.push(NOT_A_STRIPE);
  if (q.low_stock === "true") where.push("low_stock_threshold IS NOT NULL AND available <= low_stock_threshold");
  // Cursor: "<sku>~<location_id>" of the last row (SKUs never contain "~"), matching the key order.
  if (q.cursor) {
    const [sku, loc] = q.cursor.split("~");
    where.push("(sku > ? OR (sku = ? AND location_id > ?))"), args.push(sku, sku, loc ?? "");
  }
  const sql = `SELECT * FROM inventory_levels ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY sku, location_id LIMIT ?`;
  const { results } = await c.env.DB.prepare(sql)
    .bind(...args, q.limit + 1)
    .all<LevelRow>();
  const data = await withStripes(c.env.DB, results.slice(0, q.limit).map(fromRow));
  const last = data[data.length - 1];
  return c.json({ data, next_cursor: results.length > q.limit ? `${last.sku}~${last.location_id}` : null }, 200);
};

export const cell: RouteHandler<typeof getCell, AppEnv> = async (c) => {
  const { location_id, sku } = c.req.valid("param");
  await assertCellExists(c.env.DB, location_id, sku);
  const snapshot = await liveFigures(c.env, sku, location_id);
  return c.json(presentLevel({ ...snapshot, sku, locationId: location_id }), 200);
};

export const configure: RouteHandler<typeof configureCell, AppEnv> = async (c) => {
  const { location_id, sku } = c.req.valid("param");
  const s = c.req.valid("json");
  await assertCellExists(c.env.DB, location_id, sku);
  const snapshot = await cellOf(c.env, sku, location_id).configure(
    { sku, locationId: location_id },
    { safetyStock: s.safety_stock, lowStockThreshold: s.low_stock_threshold, allowBackorder: s.allow_backorder, backorderLimit: s.backorder_limit },
  );
  await writeProjection(c.env.DB, [snapshot]);
  noteSnapshots([snapshot]);
  return c.json(presentLevel(snapshot), 200);
};

export const ledger: RouteHandler<typeof listLedger, AppEnv> = async (c) => {
  const { location_id, sku } = c.req.valid("param");
  const { limit, cursor } = c.req.valid("query");
  await assertCellExists(c.env.DB, location_id, sku);
  const stub = cellOf(c.env, sku, location_id);
  const entries = await stub.ledger(Number(cursor ?? 0), limit);
  // The cell answers at most 500 entries, the largest page, so it cannot be asked for one extra: a full page asks
  // separately whether anything follows it.
  const last = entries[entries.length - 1];
  const more = entries.length === limit && (await stub.ledger(last.seq, 1)).length > 0;
  return c.json({ data: entries.map(presentEntry), next_cursor: more ? String(last.seq) : null }, 200);
};

export const holds: RouteHandler<typeof listHolds, AppEnv> = async (c) => {
  const { location_id, sku } = c.req.valid("param");
  await assertCellExists(c.env.DB, location_id, sku);
  const list = await cellOf(c.env, sku, location_id).holds();
  return c.json({ data: list.map(presentHold) }, 200);
};

type LevelRow = {
  sku: string;
  location_id: string;
  on_hand: number;
  held: number;
  committed: number;
  damaged: number;
  safety_stock: number;
  available: number;
  low_stock_threshold: number | null;
  allow_backorder: number;
  backorder_limit: number | null;
  version: number;
  updated_at: number;
};

const fromRow = (r: LevelRow) => ({ ...r, allow_backorder: r.allow_backorder === 1 });
