// What a refund would pay, from the rows as they stand: the order, its payments, its refunds so far and, for a return,
// its lines and what of them has been received and refunded. The same plan answers calculate and is issued by process.
import { moneyOf } from "../domain/order-edit";
import { MERCHANT_FAULT } from "../domain/return";
import { conflict, notFound, unprocessable } from "../http/problem";
import { loadOrder, type LoadedOrder } from "../orders/store";
import { returnPolicy } from "../return-policy/settings";
import { type LoadedReturn, requireReturn } from "../returns/store";
import { type FieldProblem, orderRefund, type RefundFigures, returnRefund } from "./math";
import type { OrderRefundInput, ReturnRefundInput } from "./schemas";

export interface Money {
  captured: number;
  /** Refunded so far; a refund the provider refused moved no money and does not count. */
  refunded: number;
}

export interface Plan {
  order: LoadedOrder;
  money: Money;
  figures: RefundFigures;
  /** Return refunds: each return line refunded, with its `refunded` as read (the batch checks it is still that). */
  lines: { id: string; refunded: number; quantity: number }[];
  ret: LoadedReturn | null;
}

/** Captured and refunded of an order, as the money audit counts them. */
export const moneyOfOrder = (order: LoadedOrder): Money => moneyOf(order.row.payment_status, order.payments.filter((p) => p.status !== "failed"));

async function orderOr404(db: D1Database, id: string): Promise<LoadedOrder> {
  const order = await loadOrder(db, { id });
  if (!order) throw notFound("order_not_found", `No order ${id}.`);
  return order;
}

interface Before {
  items: number;
  tax: number;
  shipping: number;
}

async function refundsBefore(db: D1Database, orderId: string): Promise<Before> {
  const row = await db
    .prepare(
      `SELECT COALESCE(SUM(CASE kind WHEN 'return' THEN items_amount ELSE 0 END), 0) AS items,
              COALESCE(SUM(CASE kind WHEN 'return' THEN tax_amount ELSE 0 END), 0) AS tax,
              COALESCE(SUM(shipping_amount), 0) AS shipping
       FROM refunds WHERE order_id = ?`,
    )
    .bind(orderId)
    .first<Before>();
  return row ?? { items: 0, tax: 0, shipping: 0 };
}

export async function planReturnRefund(db: D1Database, returnId: string, input: ReturnRefundInput): Promise<Plan> {
  const ret = await requireReturn(db, returnId);
  if (ret.row.status !== "open" && ret.row.status !== "closed")
    throw conflict("return_not_refundable", `A ${ret.row.status} return has nothing to refund.`, { return_status: ret.row.status });
  const [order, before, policy, byLine, earlier] = await Promise.all([
    orderOr404(db, ret.row.order_id),
    refundsBefore(db, ret.row.order_id),
    returnPolicy(db),
    db
      .prepare("SELECT order_line_id, SUM(refunded) AS refunded FROM return_lines WHERE order_id = ? GROUP BY order_line_id")
      .bind(ret.row.order_id)
      .all<{ order_line_id: string; refunded: number }>(),
    db.prepare("SELECT 1 FROM refunds WHERE return_id = ? LIMIT 1").bind(returnId).first(),
  ]);
  const errors: FieldProblem[] = [];
  // Received units are refundable; units held for inspection only when staff name them.
  const received = (l: LoadedReturn["lines"][number]) => l.restocked + l.damaged - l.refunded;
  const asked = input.lines
    ? input.lines.flatMap((a, i) => {
        const l = ret.lines.find((x) => x.id === a.return_line_id);
        if (!l) return errors.push({ field: `body.lines.${i}.return_line_id`, message: `No line ${a.return_line_id} in this return` }), [];
        const left = received(l) + l.inspecting;
        if (a.quantity > left) return errors.push({ field: `body.lines.${i}.quantity`, message: `At most ${left} unit(s) of this line are received and not refunded` }), [];
        return [{ l, quantity: a.quantity }];
      })
    : ret.lines.filter((l) => received(l) > 0).map((l) => ({ l, quantity: received(l) }));
  const refundedOf = new Map(byLine.results.map((r) => [r.order_line_id, r.refunded]));
  const money = moneyOfOrder(order);
  const { figures, errors: more } = returnRefund({
    lines: asked.map(({ l, quantity }) => {
      const line = order.lines.find((x) => x.id === l.order_line_id)!;
      return {
        returnLineId: l.id,
        orderLineId: l.order_line_id,
        sku: l.sku,
        reason: l.reason,
        quantity,
        line: { total: line.total, units: line.quantity - line.cancelled_quantity },
        refundedBefore: refundedOf.get(l.order_line_id) ?? 0,
      };
    }),
    order: { subtotal: order.row.subtotal, taxTotal: order.row.tax_total, shippingTotal: order.row.shipping_total },
    before,
    shipping: input.refund_shipping,
    policy: { restockingFeePercent: policy.restocking_fee_percent, returnShippingFee: policy.return_shipping_fee },
    returnRefundedBefore: earlier !== null,
    merchantFault: ret.lines.some((l) => MERCHANT_FAULT.includes(l.reason)),
    storeCredit: input.store_credit_amount,
    money,
  });
  errors.push(...more);
  if (errors.length) throw unprocessable("refund_not_possible", "The refund cannot be made as asked.", { errors });
  return { order, money, figures, ret, lines: asked.map(({ l, quantity }) => ({ id: l.id, refunded: l.refunded, quantity })) };
}

export async function planOrderRefund(db: D1Database, orderId: string, input: OrderRefundInput): Promise<Plan> {
  const [order, before] = await Promise.all([orderOr404(db, orderId), refundsBefore(db, orderId)]);
  const money = moneyOfOrder(order);
  const { figures, errors } = orderRefund({
    kind: input.kind,
    amount: input.amount,
    shipping: input.refund_shipping,
    storeCredit: input.store_credit_amount,
    shippingTotal: order.row.shipping_total,
    shippingBefore: before.shipping,
    money,
  });
  if (errors.length) throw unprocessable("refund_not_possible", "The refund cannot be made as asked.", { errors });
  return { order, money, figures, ret: null, lines: [] };
}
