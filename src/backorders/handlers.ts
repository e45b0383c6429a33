import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { pageOf } from "../http/pagination";
import { allocateAt } from "./allocate";
import type * as routes from "./routes";

interface Row {
  hold_id: string;
  order_id: string;
  order_number: number;
  order_status: string;
  sku: string;
  location_id: string;
  quantity: number;
  short: number;
  supply: "backorder" | "preorder";
  available_on: number | null;
  state: "waiting" | "allocated";
  ordered_at: number;
  allocated_at: number | null;
}

const present = ({ order_status, ...r }: Row) => ({ ...r, state: r.state === "waiting" && order_status === "cancelled" ? ("cancelled" as const) : r.state });

// The cursor is "<ordered_at>:<hold_id>", the queue position of the last row.
export const listBackorders: RouteHandler<typeof routes.listBackorders, AppEnv> = async (c) => {
  const q = c.req.valid("query");
  const [at, hold] = q.cursor?.split(":", 2) ?? [];
  const after = at && hold && Number.isFinite(Number(at)) ? { at: Number(at), hold: `${hold}` } : null;
  const { results } = await c.env.DB.prepare(
    `SELECT b.*, o.number AS order_number, o.status AS order_status FROM backorders b JOIN orders o ON o.id = b.order_id
     WHERE (?1 IS NULL OR b.sku = ?1) AND (?2 IS NULL OR b.location_id = ?2) AND (?3 IS NULL OR b.order_id = ?3) AND (?4 IS NULL OR b.state = ?4)
       AND (?5 IS NULL OR b.ordered_at > ?5 OR (b.ordered_at = ?5 AND b.hold_id > ?6))
     ORDER BY b.ordered_at, b.hold_id LIMIT ?7`,
  )
    .bind(q.sku ?? null, q.location_id ?? null, q.order_id ?? null, q.state ?? null, after?.at ?? null, after?.hold ?? null, q.limit + 1)
    .all<Row>();
  return c.json(pageOf(results, q.limit, (r) => `${r.ordered_at}:${r.hold_id}`, present), 200);
};

export const allocateNow: RouteHandler<typeof routes.allocateNow, AppEnv> = async (c) => {
  const { sku, location_id } = c.req.valid("json");
  const d = await allocateAt(c.env, sku, location_id, Date.now());
  return c.json({ allocated: d.allocate.map((w) => ({ hold_id: w.holdId, order_id: w.orderId, quantity: w.quantity })), next_release: d.nextRelease }, 200);
};
