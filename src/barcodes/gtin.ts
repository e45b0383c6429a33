// GTIN check digits (GS1 General Specifications §7.9): EAN-8, UPC-A (GTIN-12), EAN-13 and GTIN-14 share one rule.
// From the right, excluding the check digit, digits are weighted 3, 1, 3, 1…; the check digit brings the sum to a
// multiple of 10. Pure: used by the barcode routes and by the packing bench to tell a barcode from a SKU.

export type BarcodeFormat = "ean8" | "upc_a" | "ean13" | "gtin14";

const FORMATS: Record<number, BarcodeFormat> = { 8: "ean8", 12: "upc_a", 13: "ean13", 14: "gtin14" };

/** The check digit the first n−1 digits call for. */
export function checkDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

export type GtinCheck = { ok: true; format: BarcodeFormat } | { ok: false; why: string };

export function checkGtin(code: string): GtinCheck {
  if (!/^\d+$/.test(code)) return { ok: false, why: "A GTIN is digits only" };
  const format = FORMATS[code.length];
  if (!format) return { ok: false, why: "A GTIN has 8, 12, 13 or 14 digits" };
  const expected = checkDigit(code.slice(0, -1));
  if (Number(code[code.length - 1]) !== expected) return { ok: false, why: `The check digit should be ${expected}` };
  return { ok: true, format };
}
