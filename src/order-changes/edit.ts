// Editing an open order before fulfillment: quantities, lines, shipping address. Added units are reserved first, all
// or nothing, so a shortage leaves the order untouched; the edit is one versioned batch and one timeline event.
import type { Shortage } from "../domain/allocation";
import { insert, type Sql, sql } from "../db/sql";
import { newId } from "../domain/ids";
import { amountDue, holdChanges, type LineFact, moneyOf, refundDue, takeFromLine, totalsOf } from "../domain/order-edit";
import { applyChange, InvalidTransition } from "../domain/order-status";
import type { Env } from "../env";
import { outboxSql } from "../events/emit";
import { writeFulfillmentBatch, updateFulfillment } from "../fulfillment/store";
import { cancel as cancelFulfillment } from "../fulfillment/transitions";
import { conflict, type FieldError, unprocessable } from "../http/problem";
import { orderEventData } from "../orders/event-data";
import { orderOr404 } from "../orders/payments";
import type { OrderView } from "../orders/schemas";
import { columnsOf, stateOf } from "../orders/state";
import type { AllocationRow, LineRow } from "../orders/store";
import { timelineEvent } from "../orders/timeline";
import { updateOrder } from "../orders/write";
import { job } from "../queues/job";
import { readFacts } from "../read-model/cache";
import { rewriteAllocations } from "./allocations";
import { checkVersion, fulfillmentLineIdOf, loadForChange } from "./load";
import { refundSql, sendRefunds } from "./money";
import { destinationOf, planFromCells } from "./plan-from-cells";
import { holdTerms, planShrink, projections, refusedReplacement, replacementsSql } from "./stock";
import { StockChange } from "../stock-changes/change";
import { finishChangesOf } from "../stock-changes/drive";
import { markBeyondStock } from "../backorders/mark";
import type { EditInput } from "./schemas";

// Packing weighs and boxes the parcel: past that, an edit would change what is already boxed.
const EDITABLE = new Set(["pending", "picking", "cancelled"]);
const CONFIRMED = new Set(["authorized", "partially_paid", "paid", "partially_refunded"]);

interface Plan {
  /** Line id → its units not cancelled after the edit. */
  units: Map<string, number>;
  /** Removed lines stay, wholly cancelled, so invoices and shipments that name them keep making sense. */
  removed: Set<string>;
  added: { sku: string; quantity: number }[];
  changes: Record<string, unknown>[];
}

export async function editOrder(env: Env, id: string, actor: string, input: EditInput): Promise<OrderView> {
  await finishChangesOf(env, id);
  const c = await loadForChange(env, id);
  const { row, payments, view } = c.order;
  checkVersion(c.order, input.expected_version);
  const state = stateOf(row);
  const blocking = c.fulfillments.find((f) => !EDITABLE.has(f.status));
  if (blocking) throw new InvalidTransition("order_edited", state, `its fulfillment ${blocking.id} is ${blocking.status}`);
  applyChange(state, { type: "order_edited", captured: 0, refunded: 0, total: 0 });
  if (input.shipping_address && row.pickup_location_id)
    throw unprocessable("edit_not_possible", "A pickup order has no shipping address.", { errors: [{ field: "body.shipping_address", message: "The order is picked up" }] });

  const plan = planEdit(c.lines, input);
  const facts = await readFacts(env.DB, [...new Set(plan.added.map((a) => a.sku))]);
  checkAdded(plan.added, facts.variants, row.currency, input);

  // Units taken off: replace holds by smaller ones. Units added: new holds, planned from the cells' own figures.
  const next = new Map<string, number>();
  const grown: { line: LineFact; units: number }[] = [];
  for (const line of c.lines) {
    const before = line.quantity - line.cancelledQuantity;
    const after = plan.units.get(line.id) ?? before;
    if (after < before) takeFromLine(line, c.allocs, before - after, next);
    if (after > before) grown.push({ line, units: after - before });
  }
  const now = Date.now();
  const newLines: LineRow[] = plan.added.map((a, i) => {
    const v = facts.variants.get(a.sku)!;
    return {
      id: newId("line", now),
      order_id: id,
      position: Math.max(0, ...c.order.lines.map((l) => l.position)) + i + 1,
      sku: a.sku,
      variant_id: v.id,
      title: v.title,
      quantity: a.quantity,
      unit_price: v.price_amount,
      total: v.price_amount * a.quantity,
      cancelled_quantity: 0,
      supply: "stock",
      available_on: null,
    };
  });
  const demandLines = [...grown.map((g) => ({ id: g.line.id, sku: g.line.sku, quantity: g.units })), ...newLines.map((l) => ({ id: l.id, sku: l.sku, quantity: l.quantity }))];
  // A held channel order reserved nothing yet (stock_state released): added units would be held alone, on a payment
  // window the order does not have, and lapse unowned. Its stock is reserved when it is released from hold.
  if (row.stock_state === "released" && demandLines.length)
    throw conflict("stock_not_reserved", "This order's stock is reserved when it is released from hold; release it first, then add units.");
  const key = `edit:v${row.version}`;
  // One change: added units and smaller replacement holds are recorded, then reserved (all or nothing), then the edit
  // is written, then the replaced holds go back.
  const changeId = newId("chg", now);
  const address = input.shipping_address ?? (row.shipping_address ? JSON.parse(row.shipping_address) : null);
  const added = await planFromCells(env, { orderId: id, demand: demandLines, dest: destinationOf(row, address), changeId, ...holdTerms(row), short: insufficient });
  const holdMoves = holdChanges(c.allocs, next);
  const shrink = await planShrink(row, holdMoves, changeId, "order edited");
  const change = await StockChange.begin(env, { id: changeId, orderId: id, kind: "edit", reserves: [...added.reserves, ...shrink.reserves], afterwards: shrink.releases });
  const reserved = await change.reserve();
  const short = reserved.filter((r) => !r.result.ok && !r.reserve.within);
  if (short.length) {
    await change.abandon();
    throw insufficient(short.map((r) => ({ sku: r.reserve.sku, requested: r.reserve.qty, available: Math.max(0, r.result.snapshot.available) })));
  }
  const refused = refusedReplacement(reserved);
  if (refused) {
    await change.abandon();
    throw refused;
  }
  const snapshots = reserved.map((r) => r.result.snapshot);

  const lines: LineFact[] = [
    ...c.lines.map((l) =>
      plan.removed.has(l.id)
        ? { ...l, cancelledQuantity: l.quantity }
        : { ...l, quantity: l.cancelledQuantity + (plan.units.get(l.id) ?? l.quantity - l.cancelledQuantity) },
    ),
    ...newLines.map((l) => ({ id: l.id, sku: l.sku, quantity: l.quantity, cancelledQuantity: 0, unitPrice: l.unit_price })),
  ];
  const totals = totalsOf(lines, row.shipping_total, row.tax_total);
  const money = moneyOf(row.payment_status, payments);
  const refund = refundDue(money, totals.total);
  const nextState = applyChange(state, { type: "order_edited", captured: money.captured, refunded: money.refunded + refund, total: totals.total });
  // What the shopper's payment does not cover yet: an authorization covers its amount, captured money what was kept.
  const authorized = payments.find((p) => p.kind === "authorization")?.amount ?? 0;
  const due = CONFIRMED.has(row.payment_status) ? amountDue({ captured: Math.max(authorized, money.captured), refunded: money.refunded + refund }, totals.total) : 0;

  const rewrite = rewriteAllocations(c, next, shrink.replacedBy);
  const allocations: AllocationRow[] = added.allocations;
  // Added units a cell promised beyond its stock wait in its queue, like a checkout's (their lines are marked).
  const beyondStock = await markBeyondStock(env.DB, {
    orderId: id,
    orderedAt: now,
    lines: newLines,
    allocations,
    holds: added.reserves.map((r) => ({ holdId: r.holdId, sku: r.sku, locationId: r.locationId, qty: r.qty })),
    snapshots,
  });
  // New units at a location whose shipment is still being prepared join it; elsewhere the fulfillment job makes one.
  // (At most one is live per location, whatever its id: a cancelled one's successor has a suffix, migrations/0019.)
  const liveAt = new Map(c.fulfillments.filter((f) => f.status !== "cancelled").map((f) => [f.location_id, f.id]));
  const joined = allocations.filter((a) => liveAt.has(a.location_id));
  // Every shipment still being prepared gets a fresh label and packing slip: contents or address changed.
  const relabel = c.fulfillments.filter((f) => f.status !== "cancelled" && !rewrite.emptied.includes(f.id));
  const bumped = new Set(rewrite.statements.filter((s) => s.sql.startsWith("UPDATE fulfillments")).map((s) => s.params[s.params.length - 1] as string));
  const statements: Sql[] = [
    updateOrder(id, row.version, {
      ...columnsOf(nextState),
      subtotal: totals.subtotal,
      total: totals.total,
      ...(input.shipping_address ? { shipping_address: JSON.stringify(input.shipping_address) } : {}),
    }),
    ...c.lines
      .filter((l) => plan.units.has(l.id))
      .map((l) => {
        const after = lines.find((x) => x.id === l.id)!;
        return sql("UPDATE order_lines SET quantity = ?, cancelled_quantity = ?, total = ? WHERE id = ?", after.quantity, after.cancelledQuantity, totals.lineTotals.get(l.id), l.id);
      }),
    ...newLines.map((l) => insert("order_lines", l)),
    ...rewrite.statements.filter((s) => !s.sql.startsWith("UPDATE fulfillments")),
    ...allocations.map((a) => insert("allocations", a)),
    ...beyondStock,
    ...replacementsSql(shrink, holdMoves),
    ...joined.map((a) =>
      sql(
        "INSERT INTO fulfillment_lines (id, fulfillment_id, order_line_id, sku, quantity, hold_id) VALUES (?, ?, ?, ?, ?, ?)",
        fulfillmentLineIdOf(a.id),
        liveAt.get(a.location_id),
        a.line_id,
        a.sku,
        a.quantity,
        a.hold_id,
      ),
    ),
    ...relabel.map((f) => updateFulfillment(f.id, f.version, { label_key: null, packing_slip_key: null })),
    ...c.fulfillments.filter((f) => bumped.has(f.id) && !relabel.includes(f)).map((f) => updateFulfillment(f.id, f.version, {})),
    ...refundSql(id, payments, refund, row.currency, input.reason ?? "order edited", now),
    insert(
      "order_events",
      timelineEvent(id, "order.edited", actor, now, {
        changes: plan.changes,
        ...(input.shipping_address ? { shipping_address_changed: true } : {}),
        ...(input.reason ? { reason: input.reason } : {}),
        total_before: row.total,
        total_after: totals.total,
        refunded: refund,
        amount_due: due,
      }),
    ),
    outboxSql("order.updated", { ...orderEventData({ ...view, ...columnsOf(nextState), total: totals.total }), change: "edited", amount_due: due, refunded: refund }, id, now),
    ...projections(snapshots),
  ];
  await change.write(statements, (all) => writeFulfillmentBatch(env.DB, all));
  await change.finish();
  await sendRefunds(env, id);
  for (const f of rewrite.emptied) await cancelFulfillment(env, actor, f, "order edited");
  // Labels are remade even while the order is held (printing ships nothing); new shipments wait for a release.
  if (relabel.length) await env.LABELS.sendBatch(relabel.map((f) => ({ body: job("make_label", `${f.id}:${key}`, { fulfillmentId: f.id }) })));
  if (allocations.length > joined.length && nextState.status === "open" && CONFIRMED.has(nextState.paymentStatus))
    await env.FULFILLMENT.send(job("create_fulfillments", `${id}:${key}`, { orderId: id }));
  return (await orderOr404(env.DB, id)).view;
}

/** The units each line keeps and the lines to add; unknown lines are 422. */
function planEdit(lines: LineFact[], input: EditInput): Plan {
  const errors: FieldError[] = [];
  const units = new Map<string, number>();
  const added: Plan["added"] = [];
  const removed = new Set<string>();
  const changes: Plan["changes"] = [];
  input.changes.forEach((ch, i) => {
    if (ch.type === "add_line") {
      added.push({ sku: ch.sku, quantity: ch.quantity });
      changes.push({ type: ch.type, sku: ch.sku, quantity: ch.quantity });
      return;
    }
    const line = lines.find((l) => l.id === ch.line_id);
    if (!line) return errors.push({ field: `body.changes.${i}.line_id`, message: "No line of this order has this id" });
    if (units.has(line.id)) return errors.push({ field: `body.changes.${i}.line_id`, message: "Change each line once" });
    const before = line.quantity - line.cancelledQuantity;
    if (before === 0) return errors.push({ field: `body.changes.${i}.line_id`, message: "This line is cancelled" });
    const after = ch.type === "set_quantity" ? ch.quantity : 0;
    units.set(line.id, after);
    if (ch.type === "remove_line") removed.add(line.id);
    changes.push({ type: ch.type, line_id: line.id, sku: line.sku, from: before, to: after });
  });
  if (errors.length) throw unprocessable("edit_not_possible", "Some changes cannot be made to this order.", { errors });
  return { units, removed, added, changes };
}

function checkAdded(added: Plan["added"], variants: Map<string, { currency: string; sellable: number }>, currency: string, input: EditInput) {
  const errors: FieldError[] = [];
  added.forEach((a) => {
    const i = input.changes.findIndex((c) => c.type === "add_line" && c.sku === a.sku);
    const v = variants.get(a.sku);
    const field = `body.changes.${i}.sku`;
    if (!v) errors.push({ field, message: `Unknown SKU ${a.sku}` });
    else if (!v.sellable) errors.push({ field, message: `${a.sku} is not for sale` });
    else if (v.currency !== currency) errors.push({ field, message: `${a.sku} is priced in ${v.currency}, the order is in ${currency}` });
  });
  if (errors.length) throw unprocessable("edit_not_possible", "Some lines cannot be added to this order.", { errors });
}

const insufficient = (shortages: Shortage[]) =>
  conflict("insufficient_stock", "Not enough stock for the added units; the order is unchanged.", { shortages });
