// Confirming one line of a pick list. A short pick (fewer units, or none found) has no clean way back through
// allocation today: nothing moves an order line's units to another location short of editing the order's lines or
// cancelling them (money refunded), both a merchant's decision. So the shortfall is held on the order through the
// existing hold (src/order-changes/hold.ts, reason `short_pick`): nothing of it ships, and whoever releases the hold
// decides (release once the units turn up, or edit/cancel the short units, which reallocates or refunds through the
// one recovery path). The cell gets a count task; the count that closes it records the variance.
import { newId } from "../domain/ids";
import { InvalidTransition } from "../domain/order-status";
import type { Env } from "../env";
import { conflict, notFound, unprocessable } from "../http/problem";
import { placeHold } from "../order-changes/hold";
import { raiseCountTaskSql } from "../count-tasks/store";
import type { z } from "@hono/zod-openapi";
import type { PickInput } from "./schemas";
import { pickListOr404 } from "./view";

type Line = Awaited<ReturnType<typeof pickListOr404>>["lines"][number];

export async function confirmPick(env: Env, actor: string, pickListId: string, input: z.infer<typeof PickInput>) {
  const db = env.DB;
  const list = await pickListOr404(db, pickListId);
  if (list.status !== "open") throw conflict("pick_list_done", "This pick list is done; every line was confirmed.");
  const line = lineOf(list.lines, input);
  if (line.outcome) throw conflict("already_picked", `Line ${line.fulfillment_line_id} was confirmed already (${line.outcome}).`, { outcome: line.outcome });
  const picked = input.quantity ?? (input.outcome === "picked" ? line.quantity : 0);
  if (input.outcome === "picked" && picked !== line.quantity) throw bad("body.quantity", `A picked line has all its ${line.quantity} unit(s); fewer is a short pick`);
  if (input.outcome === "short" && picked >= line.quantity) throw bad("body.quantity", `A short pick has fewer than ${line.quantity} unit(s)`);
  if (input.outcome === "not_found" && picked !== 0) throw bad("body.quantity", "Nothing was picked of a line not found");
  const short = line.quantity - picked;
  const now = Date.now();
  const id = newId("pk", now);
  const source = `pick_list:${list.id}/${line.fulfillment_id}`;
  const [inserted] = await db.batch([
    db
      .prepare(
        `INSERT INTO picks (id, pick_list_id, fulfillment_id, fulfillment_line_id, sku, tote, picked, short, outcome, actor, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (pick_list_id, fulfillment_line_id) DO NOTHING`,
      )
      .bind(id, list.id, line.fulfillment_id, line.fulfillment_line_id, line.sku, line.tote, picked, short, input.outcome, actor, now),
    ...(short ? [raiseCountTaskSql(list.location_id, line.sku, "short_pick", source, now)].map((s) => db.prepare(s.sql).bind(...s.params)) : []),
    // The last line confirmed closes the list and frees its shipments for another list.
    db
      .prepare(
        `UPDATE pick_lists SET status = 'done', completed_at = ?2 WHERE id = ?1 AND status = 'open' AND NOT EXISTS (
           SELECT 1 FROM pick_list_shipments s JOIN fulfillment_lines fl ON fl.fulfillment_id = s.fulfillment_id
           WHERE s.pick_list_id = ?1 AND NOT EXISTS (SELECT 1 FROM picks p WHERE p.pick_list_id = ?1 AND p.fulfillment_line_id = fl.id))`,
      )
      .bind(list.id, now),
    db.prepare("UPDATE pick_list_shipments SET open = 0 WHERE pick_list_id = ?1 AND (SELECT status FROM pick_lists WHERE id = ?1) = 'done'").bind(list.id),
  ]);
  if (!inserted.meta.changes) throw conflict("already_picked", `Line ${line.fulfillment_line_id} was confirmed already.`);

  let onHold = false;
  if (short) onHold = await holdForShortPick(env, actor, line, short, list.id);
  const task = short
    ? await db.prepare("SELECT id FROM count_tasks WHERE location_id = ? AND sku = ? AND status = 'open'").bind(list.location_id, line.sku).first<{ id: string }>()
    : null;
  const fulfillment = list.shipments.find((s) => s.fulfillment_id === line.fulfillment_id)!;
  return {
    pick: {
      id,
      fulfillment_line_id: line.fulfillment_line_id,
      fulfillment_id: line.fulfillment_id,
      sku: line.sku,
      tote: line.tote,
      outcome: input.outcome,
      picked,
      short,
      count_task_id: task?.id ?? null,
      order_on_hold: onHold || (short > 0 && (await orderStatus(db, fulfillment.order_id)) === "on_hold"),
    },
    pick_list: await pickListOr404(db, list.id),
  };
}

function lineOf(lines: Line[], input: z.infer<typeof PickInput>): Line {
  const line = input.fulfillment_line_id
    ? lines.find((l) => l.fulfillment_line_id === input.fulfillment_line_id)
    : // By SKU and tote: the first line of that SKU in the tote still to confirm (a shipment may hold a SKU on two lines).
      (lines.find((l) => l.sku === input.sku && l.tote === input.tote && !l.outcome) ?? lines.find((l) => l.sku === input.sku && l.tote === input.tote));
  if (!line) throw notFound("pick_line_not_found", "No line of this pick list matches (fulfillment_line_id, or sku in that tote).");
  return line;
}

/** The order's hold, reason short_pick; an order someone already holds stays held as it is. */
async function holdForShortPick(env: Env, actor: string, line: Line, short: number, pickListId: string): Promise<boolean> {
  const orderId = (await env.DB.prepare("SELECT order_id FROM fulfillments WHERE id = ?").bind(line.fulfillment_id).first<{ order_id: string }>())!.order_id;
  try {
    await placeHold(env, orderId, { kind: "manual", reason: `short_pick: ${short} × ${line.sku} not found for ${line.fulfillment_id} (pick list ${pickListId})`, actor });
    return true;
  } catch (err) {
    if (err instanceof InvalidTransition) return false;
    throw err;
  }
}

const orderStatus = async (db: D1Database, orderId: string) =>
  (await db.prepare("SELECT status FROM orders WHERE id = ?").bind(orderId).first<{ status: string }>())?.status;

const bad = (field: string, message: string) => unprocessable("pick_not_possible", message, { errors: [{ field, message }] });
