import { describe, expect, it } from "vitest";
import { apportion, formatMoney, formatNumber, type InvoiceAmounts, invoiceAmounts, type OrderFigures } from "../../src/domain/invoice";

const order: OrderFigures = {
  lines: [
    { sku: "A", title: "Tee", quantity: 3, unit_price: 333, total: 999 },
    { sku: "B", title: "Cap", quantity: 1, unit_price: 1, total: 1 },
  ],
  shipping_total: 490,
  tax_total: 283,
};
const whole = 999 + 1 + 490 + 283;

describe("apportion", () => {
  it("adds up to the amount and never gives a part more than its weight", () => {
    for (const amount of [0, 1, 7, 500, 1772, whole]) {
      const parts = apportion(amount, [999, 1, 490, 283]);
      expect(parts.reduce((t, p) => t + p, 0)).toBe(amount);
      parts.forEach((p, i) => expect(p).toBeLessThanOrEqual([999, 1, 490, 283][i]));
      parts.forEach((p) => expect(p).toBeGreaterThanOrEqual(0));
    }
  });
});

describe("invoiceAmounts", () => {
  it("invoices a whole capture exactly as the order", () => {
    const a = invoiceAmounts(order, [], whole);
    expect(a.lines.map((l) => l.amount)).toEqual([999, 1]);
    expect(a).toMatchObject({ subtotal: 1000, shipping_total: 490, tax_total: 283, total: whole });
  });

  it("spreads partial captures so that together they invoice the order to the unit", () => {
    for (const steps of [[1, whole - 1], [100, 100, 100, whole - 300], [whole - 1, 1], [7, 7, 7, 7, whole - 28]]) {
      const issued: InvoiceAmounts[] = [];
      for (const amount of steps) {
        const a = invoiceAmounts(order, issued, amount);
        expect(a.total).toBe(amount);
        expect([...a.lines.map((l) => l.amount), a.shipping_total, a.tax_total].every((x) => x >= 0)).toBe(true);
        issued.push(a);
      }
      const sum = (f: (a: InvoiceAmounts) => number) => issued.reduce((t, a) => t + f(a), 0);
      expect([sum((a) => a.lines[0].amount), sum((a) => a.lines[1].amount), sum((a) => a.shipping_total), sum((a) => a.tax_total)]).toEqual([999, 1, 490, 283]);
    }
  });
});

describe("formatting", () => {
  it("numbers with the year and six digits, money in the currency's decimals", () => {
    expect(formatNumber("INV", 42, Date.UTC(2026, 0, 1))).toBe("INV-2026-000042");
    expect(formatMoney(123456, "EUR")).toBe("1234.56 EUR");
    expect(formatMoney(5, "EUR")).toBe("0.05 EUR");
    expect(formatMoney(1200, "JPY")).toBe("1200 JPY");
  });
});
