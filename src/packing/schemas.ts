import { z } from "@hono/zod-openapi";

export const SCAN_OUTCOMES = ["packed", "wrong_item", "surplus"] as const;

export const ScanInput = z
  .object({
    code: z.string().trim().min(1).max(100).openapi({ description: "What the scanner read: a barcode of the variant (GTIN/UPC/EAN, see PUT /v1/barcodes/{code}) or its SKU." }),
  })
  .strict()
  .openapi("PackScanInput");

export const PackLine = z.object({ sku: z.string(), expected: z.number().int(), scanned: z.number().int() });

export const PackTally = z
  .object({
    fulfillment_id: z.string(),
    status: z.string().openapi({ description: "The fulfillment's status." }),
    lines: z.array(PackLine).openapi({ description: "Per SKU of the shipment: units it holds, units scanned into the parcel." }),
    complete: z.boolean().openapi({ description: "Every unit of the shipment was scanned." }),
    wrong_items: z.number().int().openapi({ description: "Refused scans of a SKU the shipment does not hold." }),
    surplus: z.number().int().openapi({ description: "Refused scans of a unit beyond what the shipment holds." }),
  })
  .openapi("PackTally");

export const Scan = z
  .object({
    id: z.string(),
    code: z.string(),
    sku: z.string().nullable(),
    outcome: z.enum(SCAN_OUTCOMES),
    accepted: z.boolean(),
    message: z.string().openapi({ description: "What the packer reads." }),
    created_at: z.number().int(),
  })
  .openapi("PackScan");

export const ScanResult = z.object({ scan: Scan, tally: PackTally }).openapi("PackScanResult");
