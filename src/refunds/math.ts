// What a refund pays back, without I/O. Every share is cumulative: the amount for the next units (or the next bit of
// tax) is what everything refunded so far plus them is worth, minus what was already refunded. So the parts are whole
// minor units, and refunding everything, in any number of steps, gives back exactly what was paid: the line totals
// (after the order's discounts as allocated to its lines), the tax and the shipping.
import { MERCHANT_FAULT, type ReturnReason } from "../domain/return";

/** What of `k` more units of a line costs, when `before` of its `units` were refunded already (line total `total`). */
export function unitsAmount(line: { total: number; units: number }, before: number, k: number): number {
  if (line.units <= 0 || k <= 0) return 0;
  const upTo = (m: number) => Math.floor((line.total * Math.min(m, line.units)) / line.units);
  return upTo(before + k) - upTo(before);
}

/** a / b rounded half up, for a ≥ 0 and b > 0, in integers. */
const halfUp = (a: number, b: number) => Math.floor((2 * a + b) / (2 * b));

/**
 * The order's tax on `items` more of its item money: tax_total × items / subtotal, cumulative over the items of the
 * return refunds before (so the last refund takes exactly the tax left), never more than is left.
 */
export function taxShare(order: { taxTotal: number; subtotal: number }, before: { items: number; tax: number }, items: number): number {
  if (order.subtotal <= 0 || order.taxTotal <= 0 || items <= 0) return 0;
  const target = Math.min(order.taxTotal, halfUp(order.taxTotal * Math.min(before.items + items, order.subtotal), order.subtotal));
  return Math.max(0, Math.min(order.taxTotal - before.tax, target - before.tax));
}

export interface RefundLineIn {
  returnLineId: string;
  orderLineId: string;
  sku: string;
  reason: ReturnReason;
  quantity: number;
  /** The order line: its total (what was paid for it) and its units not cancelled. */
  line: { total: number; units: number };
  /** Units of this order line refunded before, by any return. */
  refundedBefore: number;
}

export interface ReturnRefundIn {
  lines: RefundLineIn[];
  order: { subtotal: number; taxTotal: number; shippingTotal: number };
  /** Refunds of the order so far: the item money and tax of its return refunds, the shipping of all of them. */
  before: { items: number; tax: number; shipping: number };
  /** true: all the shipping left; a number: that much of it. */
  shipping?: boolean | number;
  policy: { restockingFeePercent: number; returnShippingFee: number };
  /** An earlier refund of this return exists: its return shipping fee is not kept again. */
  returnRefundedBefore: boolean;
  /** Some line of the return has a merchant-fault reason: the parcel came back because of the merchant, no fee. */
  merchantFault: boolean;
  storeCredit?: number;
  /** The order's money: captured and refunded so far (refused refunds do not count). */
  money: { captured: number; refunded: number };
}

export interface RefundLineOut {
  return_line_id: string;
  order_line_id: string;
  sku: string;
  reason: ReturnReason;
  quantity: number;
  amount: number;
  restocking_fee: number;
}

export interface RefundFigures {
  lines: RefundLineOut[];
  items_amount: number;
  tax_amount: number;
  shipping_amount: number;
  restocking_fee: number;
  return_shipping_fee: number;
  fee_amount: number;
  total: number;
  original_amount: number;
  store_credit_amount: number;
  /** What can still go back: captured − refunded. */
  max_refundable: number;
  /** Shipping not refunded yet. */
  shipping_refundable: number;
}

export interface FieldProblem {
  field: string;
  message: string;
}

export function returnRefund(r: ReturnRefundIn): { figures: RefundFigures; errors: FieldProblem[] } {
  const errors: FieldProblem[] = [];
  const lines = r.lines.map((l) => {
    const amount = unitsAmount(l.line, l.refundedBefore, l.quantity);
    const waived = MERCHANT_FAULT.includes(l.reason);
    const fee = waived ? 0 : Math.min(amount, Math.round((amount * r.policy.restockingFeePercent) / 100));
    return { return_line_id: l.returnLineId, order_line_id: l.orderLineId, sku: l.sku, reason: l.reason, quantity: l.quantity, amount, restocking_fee: fee };
  });
  const items = lines.reduce((t, l) => t + l.amount, 0);
  const tax = taxShare(r.order, r.before, items);
  const shippingLeft = Math.max(0, r.order.shippingTotal - r.before.shipping);
  const shipping = shippingOf(r.shipping, shippingLeft, errors);
  const restocking = lines.reduce((t, l) => t + l.restocking_fee, 0);
  const gross = items + tax + shipping;
  // Kept once per return, and only from money this refund gives back.
  const returnFee = r.returnRefundedBefore || r.merchantFault || lines.length === 0 ? 0 : Math.min(r.policy.returnShippingFee, gross - restocking);
  return { figures: finish({ lines, items, tax, shipping, restocking, returnFee, storeCredit: r.storeCredit, money: r.money, shippingLeft }, errors), errors };
}

export interface OrderRefundIn {
  kind: "goodwill" | "price_adjustment" | "shipping";
  amount?: number;
  shipping?: boolean | number;
  storeCredit?: number;
  shippingTotal: number;
  shippingBefore: number;
  money: { captured: number; refunded: number };
}

/** A refund without a return: an amount (goodwill, price adjustment) or shipping. */
export function orderRefund(r: OrderRefundIn): { figures: RefundFigures; errors: FieldProblem[] } {
  const errors: FieldProblem[] = [];
  const shippingLeft = Math.max(0, r.shippingTotal - r.shippingBefore);
  const shipping = r.kind === "shipping" ? shippingOf(r.shipping ?? r.amount ?? true, shippingLeft, errors) : shippingOf(r.shipping, shippingLeft, errors);
  const items = r.kind === "shipping" ? 0 : (r.amount ?? 0);
  if (r.kind !== "shipping" && r.amount === undefined) errors.push({ field: "body.amount", message: `A ${r.kind} refund needs an amount` });
  return { figures: finish({ lines: [], items, tax: 0, shipping, restocking: 0, returnFee: 0, storeCredit: r.storeCredit, money: r.money, shippingLeft }, errors), errors };
}

function shippingOf(asked: boolean | number | undefined, left: number, errors: FieldProblem[]): number {
  if (asked === undefined || asked === false) return 0;
  if (asked === true) return left;
  if (asked > left) errors.push({ field: "body.refund_shipping", message: `At most ${left} of the shipping is left to refund` });
  return Math.min(asked, left);
}

function finish(
  p: { lines: RefundLineOut[]; items: number; tax: number; shipping: number; restocking: number; returnFee: number; storeCredit?: number; money: { captured: number; refunded: number }; shippingLeft: number },
  errors: FieldProblem[],
): RefundFigures {
  const fees = p.restocking + p.returnFee;
  const total = Math.max(0, p.items + p.tax + p.shipping - fees);
  const storeCredit = p.storeCredit ?? 0;
  if (storeCredit > total) errors.push({ field: "body.store_credit_amount", message: `At most the refund's total, ${total}` });
  const credit = Math.min(storeCredit, total);
  return {
    lines: p.lines,
    items_amount: p.items,
    tax_amount: p.tax,
    shipping_amount: p.shipping,
    restocking_fee: p.restocking,
    return_shipping_fee: p.returnFee,
    fee_amount: fees,
    total,
    original_amount: total - credit,
    store_credit_amount: credit,
    max_refundable: Math.max(0, p.money.captured - p.money.refunded),
    shipping_refundable: p.shippingLeft,
  };
}
