import { z } from "@hono/zod-openapi";

export const BarcodeInput = z
  .object({ sku: z.string().trim().min(1).max(100).openapi({ description: "The variant the printed code names." }) })
  .strict()
  .openapi("BarcodeInput");

export const Barcode = z
  .object({
    code: z.string().openapi({ description: "The GTIN as printed: 8 (EAN-8), 12 (UPC-A), 13 (EAN-13) or 14 digits, check digit included." }),
    sku: z.string(),
    format: z.enum(["ean8", "upc_a", "ean13", "gtin14"]),
    created_at: z.number().int(),
  })
  .openapi("Barcode");

export const BarcodeList = z.object({ data: z.array(Barcode) }).openapi("BarcodeList");
