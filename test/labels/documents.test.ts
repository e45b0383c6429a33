import { PDFDocument, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { decodeCode128 } from "../../src/labels/code128";
import { LABEL_WIDTH, MIN_MODULE_PT, barcodeBars, renderShippingLabel, type ShippingLabelInput } from "../../src/labels/label";
import { A4, renderPackingSlip, type PackingSlipInput } from "../../src/labels/packing-slip";
import { isWinAnsi, sanitizeWinAnsi } from "../../src/labels/text";

const label = (over: Partial<ShippingLabelInput> = {}): ShippingLabelInput => ({
  orderNumber: 1042,
  trackingNumber: "1Z999AA10123456784",
  carrier: "UPS",
  service: "Standard",
  weightGrams: 1234,
  shipFrom: { name: "Berlin Warehouse", line1: "Lagerstraße 5", city: "Berlin", postal_code: "10115", country: "DE" },
  shipTo: { name: "Zoë Kowalska", line1: "ul. Piotrkowska 12", line2: "m. 4", city: "Łódź 🏙️", postal_code: "90-001", country: "PL" },
  createdAt: Date.UTC(2026, 6, 2, 10, 30),
  ...over,
});

// updateMetadata: false, or pdf-lib's load() would stamp its own producer and dates over ours.
const load = (bytes: Uint8Array) => PDFDocument.load(bytes, { updateMetadata: false });
const isPdf = (bytes: Uint8Array) => new TextDecoder().decode(bytes.slice(0, 5)) === "%PDF-";

/** Turns bars back into module widths: bars are the rectangles, spaces the gaps between them. */
function barsToModules(bars: { x: number; width: number }[]): number[] {
  // The narrowest element is one module (the stop pattern always contains a 1-module bar).
  const moduleWidth = Math.min(...bars.map((b) => b.width));
  const widths: number[] = [];
  bars.forEach((b, i) => {
    if (i > 0) widths.push((b.x - (bars[i - 1].x + bars[i - 1].width)) / moduleWidth);
    widths.push(b.width / moduleWidth);
  });
  return widths;
}

describe("sanitizeWinAnsi", () => {
  it("keeps WinAnsi, strips accents it can, and replaces the rest (one ? per emoji)", () => {
    expect(sanitizeWinAnsi("Łódź 😀")).toBe("?ódz ?");
    expect(sanitizeWinAnsi("Zoë – “Straße” €5")).toBe("Zoë – “Straße” €5");
    expect(sanitizeWinAnsi("a\nb\tc")).toBe("a b c");
    expect(sanitizeWinAnsi("東京")).toBe("??");
    expect(sanitizeWinAnsi("Lo\u0301dz 🏙️ 👍🏽")).toBe("Lódz ? ?"); // decomposed accent; VS16; skin tone
  });

  it("agrees with pdf-lib's Helvetica character set", async () => {
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    const supported = new Set(font.getCharacterSet());
    for (let cp = 0x20; cp <= 0x2200; cp++) {
      if (isWinAnsi(cp)) expect(supported.has(cp), `U+${cp.toString(16)}`).toBe(true);
    }
    // And whatever the sanitizer lets through, pdf-lib can encode.
    expect(() => font.encodeText(sanitizeWinAnsi("Łódź 😀 Ørsted Ğ ș ß ﬁ 東京"))).not.toThrow();
  });
});

describe("barcodeBars", () => {
  it.each(["1Z999AA10123456784", "9400111899223100012345", "RR123456785GB", "1234567890", "ABCDEFGHIJKLMNOPQRST"])(
    "decodes back to %s with modules ≥ 1 pt inside the quiet zones",
    (tracking) => {
      const bars = barcodeBars(tracking, LABEL_WIDTH);
      const moduleWidth = Math.min(...bars.map((b) => b.width));
      expect(moduleWidth).toBeGreaterThanOrEqual(MIN_MODULE_PT);
      expect(bars[0].x).toBeGreaterThanOrEqual(10 * moduleWidth - 1e-9);
      const last = bars.at(-1)!;
      expect(LABEL_WIDTH - (last.x + last.width)).toBeGreaterThanOrEqual(10 * moduleWidth - 1e-9);
      expect(decodeCode128(barsToModules(bars))).toBe(tracking);
    },
  );

  it("refuses a tracking number that would need modules under 1 pt", () => {
    expect(() => barcodeBars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", LABEL_WIDTH)).toThrow(/wider than the 288 pt/);
  });
});

describe("renderShippingLabel", () => {
  it("renders one 4x6 page with metadata, and survives non-WinAnsi addresses", async () => {
    const bytes = await renderShippingLabel(label());
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(isPdf(bytes)).toBe(true);
    const doc = await load(bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getPage(0).getSize()).toEqual({ width: 288, height: 432 });
    expect(doc.getTitle()).toBe("Shipping label 1Z999AA10123456784");
    expect(doc.getSubject()).toContain("Order #1042");
    expect(doc.getProducer()).toBe("edge-oms");
    expect(doc.getCreator()).toBe("edge-oms labels");
    expect(doc.getCreationDate()?.getTime()).toBe(label().createdAt);
    expect(doc.getModificationDate()?.getTime()).toBe(label().createdAt);
    console.log(`typical label: ${bytes.byteLength} bytes`);
    expect(bytes.byteLength).toBeLessThan(20_000);
  });

  it("is deterministic for the same input", async () => {
    const [a, b] = await Promise.all([renderShippingLabel(label()), renderShippingLabel(label())]);
    expect(a).toEqual(b);
  });

  it("fits very long names and addresses without throwing", async () => {
    const long = "Very long name ".repeat(20);
    const bytes = await renderShippingLabel(label({ shipTo: { ...label().shipTo, name: long, line1: long }, carrier: long }));
    expect((await load(bytes)).getPageCount()).toBe(1);
  });

  it("rejects an invalid tracking number, weight or date", async () => {
    await expect(renderShippingLabel(label({ trackingNumber: "" }))).rejects.toThrow(/non-empty/);
    await expect(renderShippingLabel(label({ trackingNumber: "Ł123" }))).rejects.toThrow(/printable ASCII/);
    await expect(renderShippingLabel(label({ weightGrams: -1 }))).rejects.toThrow(/weightGrams/);
    await expect(renderShippingLabel(label({ createdAt: NaN }))).rejects.toThrow(/createdAt/);
  });
});

describe("renderPackingSlip", () => {
  const slip = (n: number): PackingSlipInput => ({
    fulfillmentId: "ful_01JZ8Q7W3N5V6X",
    orderNumber: 1042,
    shipTo: label().shipTo,
    lines: Array.from({ length: n }, (_, i) => ({ sku: `SKU-${i + 1}`, title: `Item ${i + 1} – Żółta koszulka 👕`, quantity: 1 + (i % 3) })),
    createdAt: label().createdAt,
  });

  it("fits a few lines on one A4 page", async () => {
    const bytes = await renderPackingSlip(slip(3));
    expect(isPdf(bytes)).toBe(true);
    const doc = await load(bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getPage(0).getSize()).toEqual({ width: A4[0], height: A4[1] });
    expect(doc.getTitle()).toBe("Packing slip ful_01JZ8Q7W3N5V6X");
  });

  it("paginates 120 lines over several pages", async () => {
    const doc = await load(await renderPackingSlip(slip(120)));
    expect(doc.getPageCount()).toBeGreaterThan(1);
    expect(doc.getPageCount()).toBeLessThanOrEqual(4);
  });

  it("renders an empty fulfillment as one page", async () => {
    expect((await load(await renderPackingSlip(slip(0)))).getPageCount()).toBe(1);
  });
});
