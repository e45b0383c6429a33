import { z } from "@hono/zod-openapi";
import { IMPORT_KINDS } from "../domain/import-file";

export const ImportKind = z.enum(IMPORT_KINDS).openapi({
  description:
    "orders_jsonl: one ChannelOrderDocument per line. orders_csv: one row per order line, columns order_id, currency, sku, " +
    "quantity, unit_price (minor units) and optionally name, email, financial_status, updated_at, title, shipping_total, tax_total, " +
    "total, ship_name, ship_line1, ship_line2, ship_city, ship_region, ship_postal_code, ship_country, ship_phone; rows of one " +
    "order share its order_id. inventory_csv: columns sku, location (id or code), on_hand: a stock count per row.",
});

export const ImportQuery = z.object({
  kind: ImportKind.optional().openapi({ description: "Required when the file is the body (text/csv, application/x-ndjson)." }),
  channel_id: z.string().max(64).optional().openapi({ description: "The channel imported orders belong to (default: the web storefront)." }),
});

export const ImportInput = z
  .object({
    kind: ImportKind,
    channel_id: z.string().max(64).optional(),
    content: z.string().min(1).openapi({ description: "The file's text." }),
  })
  .strict()
  .openapi("ImportInput");

export const ImportRowError = z.object({ row: z.number().int(), message: z.string() }).openapi("ImportRowError");

export const Import = z
  .object({
    id: z.string(),
    kind: ImportKind,
    channel_id: z.string().nullable(),
    status: z.enum(["queued", "running", "done"]),
    file_sha256: z.string(),
    rows_total: z.number().int(),
    rows_done: z.number().int().openapi({ description: "Rows handled so far, failed ones included." }),
    rows_failed: z.number().int(),
    errors: z.array(ImportRowError).openapi({
      description: "The first 1,000 rows that could not be imported. Rows are file lines for JSON lines and spreadsheet rows for CSV (the header is row 1).",
    }),
    created_at: z.number().int(),
    updated_at: z.number().int(),
    finished_at: z.number().int().nullable(),
  })
  .openapi("Import");
export type ImportInput = z.infer<typeof ImportInput>;
