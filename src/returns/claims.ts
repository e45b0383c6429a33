// What each line of an order has shipped and what returns already claim of it. The same SQL answers the returnable
// view and guards the insert of a return line, so the rule "requested ≤ shipped − already returned" is checked by the
// statement that writes the claim (D1 runs one statement at a time: two requests for the last unit cannot both pass).
import { CLAIMING, type LineFacts, type NotReturnable, returnableOf } from "../domain/return";
import { sql, type Sql } from "../db/sql";
import { newId } from "../domain/ids";
import type { ReturnPolicyView } from "../return-policy/schemas";
import { windowDaysFor } from "../return-policy/settings";
import type { ReturnableView } from "./schemas";

const CLAIMING_SQL = CLAIMING.map((s) => `'${s}'`).join(", ");

/** Units of order line `?` that have left in a shipment. */
export const SHIPPED_OF_LINE = `(SELECT COALESCE(SUM(fl.quantity), 0) FROM fulfillment_lines fl JOIN fulfillments f ON f.id = fl.fulfillment_id
  WHERE fl.order_line_id = {line} AND f.status IN ('shipped', 'delivered'))`;
/** Units of order line `?` that returns still claim (a closed return's missing units came back to nobody: free again). */
export const CLAIMED_OF_LINE = `(SELECT COALESCE(SUM(CASE r.status WHEN 'closed' THEN rl.quantity - rl.missing ELSE rl.quantity END), 0)
  FROM return_lines rl JOIN returns r ON r.id = rl.return_id WHERE rl.order_line_id = {line} AND r.status IN (${CLAIMING_SQL}))`;

const of = (fragment: string, line: string) => fragment.replaceAll("{line}", line);

interface LineRow {
  id: string;
  sku: string;
  title: string;
  quantity: number;
  shipped: number;
  claimed: number;
  window_start: number | null;
}

export async function lineFacts(db: D1Database, orderId: string): Promise<LineRow[]> {
  const { results } = await db
    .prepare(
      `SELECT l.id, l.sku, l.title, l.quantity, ${of(SHIPPED_OF_LINE, "l.id")} AS shipped, ${of(CLAIMED_OF_LINE, "l.id")} AS claimed,
              (SELECT MAX(COALESCE(f.delivered_at, f.shipped_at)) FROM fulfillment_lines fl JOIN fulfillments f ON f.id = fl.fulfillment_id
                WHERE fl.order_line_id = l.id AND f.status IN ('shipped', 'delivered')) AS window_start
       FROM order_lines l WHERE l.order_id = ? ORDER BY l.position`,
    )
    .bind(orderId)
    .all<LineRow>();
  return results;
}

export interface ReturnableLineFacts {
  order_line_id: string;
  sku: string;
  title: string;
  ordered: number;
  shipped: number;
  claimed: number;
  returnable: number;
  why_not: NotReturnable | null;
  window_ends_at: number | null;
}

export async function returnableLines(
  db: D1Database,
  order: { id: string; channel_id: string },
  policy: ReturnPolicyView,
  now: number,
  override = false,
): Promise<ReturnableLineFacts[]> {
  const days = windowDaysFor(policy, order.channel_id);
  const finalSale = new Set(policy.final_sale_skus);
  return (await lineFacts(db, order.id)).map((l) => {
    const facts: LineFacts = { shipped: l.shipped, claimed: l.claimed, finalSale: finalSale.has(l.sku), windowStart: l.window_start };
    const r = returnableOf(facts, days, now, override);
    return {
      order_line_id: l.id,
      sku: l.sku,
      title: l.title,
      ordered: l.quantity,
      shipped: l.shipped,
      claimed: l.claimed,
      returnable: r.quantity,
      why_not: r.why,
      window_ends_at: l.window_start === null ? null : l.window_start + days * 86_400_000,
    };
  });
}

export const returnableView = (order: { id: string; number: number }, lines: ReturnableLineFacts[]): ReturnableView => ({
  order_id: order.id,
  order_number: order.number,
  lines,
});

/**
 * Inserts one return line, or fails the whole batch (NOT NULL on quantity) when the line has fewer units shipped and
 * unclaimed than asked for at the moment the statement runs.
 */
export function claimLineSql(l: { returnId: string; orderId: string; orderLineId: string; sku: string; quantity: number; reason: string; note: string | null }, at: number): Sql {
  return sql(
    `INSERT INTO return_lines (id, return_id, order_id, order_line_id, sku, quantity, reason, note)
     VALUES (?1, ?2, ?3, ?4, ?5, CASE WHEN ${of(SHIPPED_OF_LINE, "?4")} - ${of(CLAIMED_OF_LINE, "?4")} >= ?6 THEN ?6 ELSE NULL END, ?7, ?8)`,
    newId("retl", at),
    l.returnId,
    l.orderId,
    l.orderLineId,
    l.sku,
    l.quantity,
    l.reason,
    l.note,
  );
}

/** Whether a batch failed because a claim asked for more than was left to return. */
export const isOverClaim = (err: unknown) => String(err).includes("NOT NULL constraint failed: return_lines.quantity");
