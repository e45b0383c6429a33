// What an invoice or credit note says, worked out without I/O: how a capture's amount is spread over the order's
// lines, shipping and tax. (A credit note splits its refund in SQL, from the invoices it corrects: src/invoices/issue.ts.)

export interface InvoiceLine {
  sku: string | null;
  description: string;
  quantity: number;
  unit_price: number;
  /** What this document charges (or credits) for the line; less than quantity × unit_price for a partial capture. */
  amount: number;
}

export interface InvoiceAmounts {
  lines: InvoiceLine[];
  subtotal: number;
  shipping_total: number;
  tax_total: number;
  total: number;
}

export interface OrderFigures {
  lines: { sku: string; title: string; quantity: number; unit_price: number; total: number }[];
  shipping_total: number;
  tax_total: number;
}

/**
 * Splits `amount` over `weights` in proportion (largest remainder), in whole minor units. When `amount` is at most the
 * sum of the weights, no part exceeds its weight: each part is the floor of its exact share, plus at most one unit
 * where that share had a fraction, and a fractional share is strictly below its integer weight.
 */
export function apportion(amount: number, weights: number[]): number[] {
  const sum = weights.reduce((t, w) => t + Math.max(0, w), 0);
  if (!weights.length) return [];
  if (sum === 0) return weights.map((_, i) => (i === 0 ? amount : 0));
  const exact = weights.map((w) => (amount * Math.max(0, w)) / sum);
  const parts = exact.map(Math.floor);
  let left = amount - parts.reduce((t, p) => t + p, 0);
  const byRemainder = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    parts[i]++;
    left--;
  }
  return parts;
}

/**
 * The invoice of one capture. Each capture invoices exactly what it took. The order's lines, shipping and tax are the
 * parts; a capture is spread over what earlier invoices of the order left of each part, in proportion, so a partial
 * capture never invoices more of a part than remains of it and the capture that completes the order invoices exactly
 * the rest: all invoices of a fully captured order add up to its lines, shipping and tax to the unit.
 */
export function invoiceAmounts(order: OrderFigures, previous: InvoiceAmounts[], amount: number): InvoiceAmounts {
  const whole = [...order.lines.map((l) => l.total), order.shipping_total, order.tax_total];
  const taken = whole.map((_, i) =>
    previous.reduce((t, p) => t + (i < order.lines.length ? (p.lines[i]?.amount ?? 0) : i === order.lines.length ? p.shipping_total : p.tax_total), 0),
  );
  const parts = apportion(amount, whole.map((w, i) => w - taken[i]));
  const lines = order.lines.map((l, i) => ({ sku: l.sku, description: l.title, quantity: l.quantity, unit_price: l.unit_price, amount: parts[i] }));
  const subtotal = lines.reduce((t, l) => t + l.amount, 0);
  const shipping = parts[order.lines.length];
  const tax = parts[order.lines.length + 1];
  return { lines, subtotal, shipping_total: shipping, tax_total: tax, total: subtotal + shipping + tax };
}

/** "INV-2026-000042": the year of issue and the kind's gapless sequence (which does not restart each year). */
export const formatNumber = (prefix: "INV" | "CN", seq: number, issuedAt: number) =>
  `${prefix}-${new Date(issuedAt).getUTCFullYear()}-${String(seq).padStart(6, "0")}`;

/** Minor units as the currency writes them: "1234.50 EUR", "1200 JPY" (Intl knows each currency's decimals). */
export function formatMoney(amount: number, currency: string): string {
  let digits = 2;
  try {
    digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // An unknown code keeps two decimals: the amount stays readable.
  }
  const sign = amount < 0 ? "-" : "";
  const abs = Math.abs(amount);
  const whole = Math.floor(abs / 10 ** digits);
  const fraction = digits ? `.${String(abs % 10 ** digits).padStart(digits, "0")}` : "";
  return `${sign}${whole}${fraction} ${currency}`;
}
