// Barcodes in D1. The code is the primary key, so one code can never name two SKUs, whoever writes first.
import { conflict, unprocessable } from "../http/problem";
import { checkGtin } from "./gtin";

export interface BarcodeRow {
  code: string;
  sku: string;
  format: "ean8" | "upc_a" | "ean13" | "gtin14";
  created_at: number;
}

export async function putBarcode(db: D1Database, code: string, sku: string): Promise<BarcodeRow> {
  const check = checkGtin(code);
  if (!check.ok) throw unprocessable("invalid_barcode", `${code} is not a valid GTIN: ${check.why}.`, { errors: [{ field: "path.code", message: check.why }] });
  const variant = await db.prepare("SELECT 1 AS ok FROM variants WHERE sku = ?").bind(sku).first();
  if (!variant) throw unprocessable("unknown_sku", `No variant in the catalog has the SKU ${sku}.`, { errors: [{ field: "body.sku", message: `Unknown SKU ${sku}` }] });
  await db.prepare("INSERT INTO barcodes (code, sku, format, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (code) DO NOTHING").bind(code, sku, check.format, Date.now()).run();
  const row = (await db.prepare("SELECT * FROM barcodes WHERE code = ?").bind(code).first<BarcodeRow>())!;
  if (row.sku !== sku) throw conflict("barcode_taken", `${code} already names ${row.sku}; one barcode names one SKU.`, { sku: row.sku });
  return row;
}

export async function listBarcodes(db: D1Database, sku: string | undefined, limit: number): Promise<BarcodeRow[]> {
  const { results } = await db
    .prepare("SELECT * FROM barcodes WHERE ?1 IS NULL OR sku = ?1 ORDER BY code LIMIT ?2")
    .bind(sku ?? null, limit)
    .all<BarcodeRow>();
  return results;
}

/** The SKU a scanned code names, when it is a known barcode. */
export async function skuOfBarcode(db: D1Database, code: string): Promise<string | null> {
  if (!checkGtin(code).ok) return null;
  return (await db.prepare("SELECT sku FROM barcodes WHERE code = ?").bind(code).first<{ sku: string }>())?.sku ?? null;
}
