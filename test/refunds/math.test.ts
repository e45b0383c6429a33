// The refund arithmetic: whole minor units at every step, and everything refunded in any number of steps is exactly
// what was paid for the lines, the tax and the shipping.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { orderRefund, returnRefund, taxShare, unitsAmount } from "../../src/refunds/math";

const steps = (units: number) => fc.array(fc.integer({ min: 1, max: Math.max(1, units) }), { minLength: 1, maxLength: 8 });

describe("refund math", () => {
  it("a line's units, refunded in any steps, add up to exactly the line total", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 8 }), (units, total, parts) => {
        let before = 0;
        let sum = 0;
        for (let i = 0; i < parts && before < units; i++) {
          const k = i === parts - 1 ? units - before : Math.max(1, Math.floor((units - before) / 2));
          const a = unitsAmount({ total, units }, before, k);
          expect(Number.isInteger(a) && a >= 0).toBe(true);
          sum += a;
          before += k;
        }
        if (before < units) sum += unitsAmount({ total, units }, before, units - before);
        expect(sum).toBe(total);
      }),
    );
  });

  it("the order's tax, refunded with the items in any steps, adds up to exactly tax_total", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 300_000 }), steps(1_000_000), (subtotal, taxTotal, cuts) => {
        const before = { items: 0, tax: 0 };
        for (const c of cuts) {
          const items = Math.min(c, subtotal - before.items);
          const tax = taxShare({ subtotal, taxTotal }, before, items);
          expect(tax).toBeGreaterThanOrEqual(0);
          before.items += items;
          before.tax += tax;
        }
        before.tax += taxShare({ subtotal, taxTotal }, before, subtotal - before.items);
        expect(before.tax).toBe(taxTotal);
      }),
    );
  });

  it("fees: the restocking percent per line unless the merchant is at fault, the return shipping fee once per return", () => {
    const base = {
      order: { subtotal: 10_000, taxTotal: 1_900, shippingTotal: 500 },
      before: { items: 0, tax: 0, shipping: 0 },
      policy: { restockingFeePercent: 10, returnShippingFee: 495 },
      returnRefundedBefore: false,
      merchantFault: false,
      money: { captured: 12_400, refunded: 0 },
    };
    const line = (reason: "changed_mind" | "defective", quantity: number) => ({
      returnLineId: `rl_${reason}`,
      orderLineId: `l_${reason}`,
      sku: "S",
      reason,
      quantity,
      line: { total: 5_000, units: 2 },
      refundedBefore: 0,
    });
    const { figures } = returnRefund({ ...base, lines: [line("changed_mind", 1), line("defective", 2)], shipping: true, storeCredit: 1_000 });
    expect(figures.lines.map((l) => [l.amount, l.restocking_fee])).toEqual([
      [2_500, 250],
      [5_000, 0],
    ]);
    expect(figures).toMatchObject({ items_amount: 7_500, tax_amount: 1_425, shipping_amount: 500, restocking_fee: 250, return_shipping_fee: 495, fee_amount: 745 });
    expect(figures.total).toBe(7_500 + 1_425 + 500 - 745);
    expect(figures).toMatchObject({ store_credit_amount: 1_000, original_amount: figures.total - 1_000, max_refundable: 12_400 });
    // A merchant-fault return keeps no return shipping fee; a second refund of a return keeps it no more.
    expect(returnRefund({ ...base, merchantFault: true, lines: [line("changed_mind", 1)] }).figures.return_shipping_fee).toBe(0);
    expect(returnRefund({ ...base, returnRefundedBefore: true, lines: [line("changed_mind", 1)] }).figures.return_shipping_fee).toBe(0);
  });

  it("asks beyond what is left are named", () => {
    const r = orderRefund({ kind: "shipping", amount: 600, shippingTotal: 500, shippingBefore: 100, money: { captured: 1000, refunded: 0 }, storeCredit: 900 });
    expect(r.errors.map((e) => e.field)).toEqual(["body.refund_shipping", "body.store_credit_amount"]);
    expect(orderRefund({ kind: "goodwill", shippingTotal: 0, shippingBefore: 0, money: { captured: 1000, refunded: 0 } }).errors[0].field).toBe("body.amount");
  });
});
