// A return asked for: by the shopper (self-service), by staff, or recorded from a channel. The claim on each line is
// checked by the statement that writes it (claims.ts), the RMA number taken inside the insert.
import { isUniqueViolation } from "../db/errors";
import { insert, prepareAll, type Sql, sql } from "../db/sql";
import { newId } from "../domain/ids";
import { MERCHANT_FAULT, type ReturnReason, type ReturnSource } from "../domain/return";
import type { Env } from "../env";
import { outboxSql } from "../events/emit";
import { conflict, notFound, unprocessable } from "../http/problem";
import { loadOrder, type LoadedOrder } from "../orders/store";
import { timelineEvent } from "../orders/timeline";
import { returnPolicy } from "../return-policy/settings";
import { claimLineSql, isOverClaim, returnableLines } from "./claims";
import { presentReturn, requireReturn } from "./store";
import type { ReturnView } from "./schemas";

export interface ReturnRequest {
  lines: { order_line_id: string; quantity: number; reason: ReturnReason; note?: string }[];
  note?: string;
  location_id?: string;
  override_policy?: boolean;
}

export interface RequestOptions {
  source: ReturnSource;
  actor: string;
  /** A channel's own id for the return: the same id again answers the return already recorded. */
  externalId?: string;
  /** Statements to write in the return's own batch (an exchange's records), given the new return's id. */
  extra?: (returnId: string, at: number) => Sql[] | Promise<Sql[]>;
}

export async function requestReturn(env: Env, orderId: string, input: ReturnRequest, opts: RequestOptions): Promise<ReturnView> {
  const order = await loadOrder(env.DB, { id: orderId });
  if (!order) throw notFound("order_not_found", `No order ${orderId}.`);
  if (opts.externalId) {
    const seen = await env.DB.prepare("SELECT id FROM returns WHERE order_id = ? AND external_id = ?").bind(orderId, opts.externalId).first<{ id: string }>();
    if (seen) return presentReturn(await requireReturn(env.DB, seen.id));
  }
  const at = Date.now();
  const policy = await returnPolicy(env.DB);
  // Staff may look past the window and final sale when they say so; a channel already took the return and refunded it
  // under its own rules (we record what happened there); a shopper never can.
  const override = (opts.source === "staff" && input.override_policy === true) || opts.source === "channel";
  const returnable = await returnableLines(env.DB, order.row, policy, at, override);
  const errors = checkLines(input.lines, returnable);
  if (errors.length) throw unprocessable("return_not_possible", "Some lines cannot be returned as asked.", { errors });
  const locationId = input.location_id ?? (await shippedFrom(env.DB, input.lines[0].order_line_id));
  if (input.location_id && !(await env.DB.prepare("SELECT 1 FROM locations WHERE id = ?").bind(input.location_id).first()))
    throw unprocessable("return_not_possible", "No such location.", { errors: [{ field: "location_id", message: `No location ${input.location_id}` }] });

  // Staff and channels decide as they record; a shopper's request waits for staff unless every reason approves itself.
  const approved = opts.source !== "shopper" || input.lines.every((l) => policy.auto_approve_reasons.includes(l.reason));
  const id = newId("ret", at);
  const statements = [
    insertReturnSql({ id, orderId, source: opts.source, approved, locationId, note: input.note ?? null, externalId: opts.externalId ?? null, actor: opts.actor }, at),
    ...input.lines.map((l) =>
      claimLineSql({ returnId: id, orderId, orderLineId: l.order_line_id, sku: returnable.find((r) => r.order_line_id === l.order_line_id)!.sku, quantity: l.quantity, reason: l.reason, note: l.note ?? null }, at),
    ),
    ...eventsSql(order, id, input, opts, approved, at),
    ...(opts.extra ? await opts.extra(id, at) : []),
  ];
  try {
    await env.DB.batch(prepareAll(env.DB, statements));
  } catch (err) {
    if (isOverClaim(err)) throw conflict("return_exceeds_returnable", "Another return claimed some of these units first; read what is returnable and ask again.");
    // Another return of this order took the same RMA number at the same moment, or the channel's id was recorded meanwhile.
    if (isUniqueViolation(err)) {
      if (opts.externalId) return requestReturn(env, orderId, input, opts);
      throw conflict("return_changed", "Another return of this order was recorded at the same moment; try again.");
    }
    throw err;
  }
  return presentReturn(await requireReturn(env.DB, id));
}

function checkLines(lines: ReturnRequest["lines"], returnable: Awaited<ReturnType<typeof returnableLines>>) {
  const errors: { field: string; message: string }[] = [];
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    const field = `lines.${i}`;
    const r = returnable.find((x) => x.order_line_id === l.order_line_id);
    if (!r) return errors.push({ field: `${field}.order_line_id`, message: `No line ${l.order_line_id} on this order` });
    if (seen.has(l.order_line_id)) return errors.push({ field: `${field}.order_line_id`, message: "Each line once per return" });
    seen.add(l.order_line_id);
    if (r.returnable === 0) return errors.push({ field: `${field}.quantity`, message: `Nothing of this line can be returned: ${r.why_not}` });
    if (l.quantity > r.returnable) errors.push({ field: `${field}.quantity`, message: `At most ${r.returnable} unit(s) of this line can be returned` });
  });
  return errors;
}

/** The location that shipped the line: its units go back there unless staff say otherwise. */
async function shippedFrom(db: D1Database, orderLineId: string): Promise<string | null> {
  const row = await db
    .prepare(
      `SELECT f.location_id FROM fulfillment_lines fl JOIN fulfillments f ON f.id = fl.fulfillment_id
       WHERE fl.order_line_id = ? AND f.status IN ('shipped', 'delivered') ORDER BY f.shipped_at DESC LIMIT 1`,
    )
    .bind(orderLineId)
    .first<{ location_id: string }>();
  return row?.location_id ?? null;
}

function insertReturnSql(r: { id: string; orderId: string; source: ReturnSource; approved: boolean; locationId: string | null; note: string | null; externalId: string | null; actor: string }, at: number): Sql {
  return sql(
    `INSERT INTO returns (id, order_id, seq, rma, source, status, location_id, note, external_id, requested_by, version, created_at, updated_at, approved_at)
     SELECT ?1, o.id, n.seq, 'R-' || o.number || '-' || n.seq, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9, ?9, ?10
     FROM orders o, (SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM returns WHERE order_id = ?2) n WHERE o.id = ?2`,
    r.id,
    r.orderId,
    r.source,
    r.approved ? "open" : "requested",
    r.locationId,
    r.note,
    r.externalId,
    r.actor,
    at,
    r.approved ? at : null,
  );
}

function eventsSql(order: LoadedOrder, returnId: string, input: ReturnRequest, opts: RequestOptions, approved: boolean, at: number): Sql[] {
  const data = {
    return_id: returnId,
    order_id: order.row.id,
    number: order.row.number,
    source: opts.source,
    lines: input.lines.map((l) => ({ order_line_id: l.order_line_id, quantity: l.quantity, reason: l.reason })),
    merchant_fault: input.lines.some((l) => MERCHANT_FAULT.includes(l.reason)),
  };
  return [
    insert("order_events", timelineEvent(order.row.id, "return.requested", opts.actor, at, data)),
    outboxSql("return.requested", data, order.row.id, at),
    ...(approved
      ? [insert("order_events", timelineEvent(order.row.id, "return.approved", opts.actor, at, { return_id: returnId, automatic: opts.source === "shopper" })), outboxSql("return.approved", { return_id: returnId, order_id: order.row.id, number: order.row.number }, order.row.id, at)]
      : []),
  ];
}
