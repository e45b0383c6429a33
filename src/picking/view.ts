// A pick list as the picker reads it: its shipments with their totes, and its lines in bin walk order.
import { notFound } from "../http/problem";
import type { z } from "@hono/zod-openapi";
import type { PickList } from "./schemas";

export interface PickListRow {
  id: string;
  location_id: string;
  mode: "single" | "batch";
  status: "open" | "done";
  created_by: string;
  created_at: number;
  completed_at: number | null;
}

export async function pickListOr404(db: D1Database, id: string): Promise<z.infer<typeof PickList>> {
  const [lists, shipments, lines] = await db.batch([
    db.prepare("SELECT * FROM pick_lists WHERE id = ?").bind(id),
    db
      .prepare(
        `SELECT s.fulfillment_id, s.tote, f.order_id, f.status, o.number AS order_number, o.shipping_speed, o.ship_by
         FROM pick_list_shipments s JOIN fulfillments f ON f.id = s.fulfillment_id JOIN orders o ON o.id = f.order_id
         WHERE s.pick_list_id = ? ORDER BY s.tote`,
      )
      .bind(id),
    // Walk order first; a SKU without a bin comes last, by SKU, so the picker still meets it in a fixed place.
    db
      .prepare(
        `SELECT fl.id AS fulfillment_line_id, fl.fulfillment_id, s.tote, fl.sku, v.title, b.code AS bin, b.walk_order, fl.quantity,
           p.picked, p.short, p.outcome
         FROM pick_list_shipments s
         JOIN pick_lists l ON l.id = s.pick_list_id
         JOIN fulfillment_lines fl ON fl.fulfillment_id = s.fulfillment_id
         LEFT JOIN bins b ON b.location_id = l.location_id AND b.sku = fl.sku
         LEFT JOIN variants v ON v.sku = fl.sku
         LEFT JOIN picks p ON p.pick_list_id = s.pick_list_id AND p.fulfillment_line_id = fl.id
         WHERE s.pick_list_id = ?
         ORDER BY b.walk_order IS NULL, b.walk_order, b.code, fl.sku, s.tote, fl.id`,
      )
      .bind(id),
  ]);
  const row = lists.results[0] as PickListRow | undefined;
  if (!row) throw notFound("pick_list_not_found", `No pick list has the id ${id}.`);
  return { ...row, shipments: shipments.results as never, lines: lines.results as never };
}
