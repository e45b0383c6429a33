// An import file cut into units of work: one order (JSON lines, or CSV rows sharing an order_id) or one stock level
// (CSV sku, location, on_hand). Rows are numbered as the merchant sees them: the line for JSON lines, the spreadsheet
// row for CSV (the header is row 1). Pure, and deterministic: every chunk job cuts the same file the same way.
import { PayloadError } from "./channel-order";

export const IMPORT_KINDS = ["orders_jsonl", "orders_csv", "inventory_csv"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface StockRow {
  sku: string;
  location: string;
  on_hand: number;
}

export interface ImportUnit {
  /** The file's rows this unit came from. */
  rows: number[];
  /** An order document (GenericOrder's input) or a StockRow; absent when the rows cannot be read. */
  doc?: unknown;
  error?: string;
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF ends a record. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a spreadsheet's byte-order mark
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") record.push(field), (field = "");
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      record.push(field), records.push(record), (field = ""), (record = []);
    } else field += ch;
  }
  if (quoted) throw new PayloadError("The CSV ends inside a quoted field");
  if (field !== "" || record.length) record.push(field), records.push(record);
  return records;
}

/** Rows as objects by header name; blank rows dropped. Missing required columns fail the whole file. */
function csvRows(text: string, required: string[]): { row: number; values: Record<string, string> }[] {
  const [header, ...records] = parseCsv(text);
  if (!header) throw new PayloadError("The file is empty");
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = required.filter((r) => !names.includes(r));
  if (missing.length) throw new PayloadError(`The header lacks the column(s) ${missing.join(", ")}`);
  return records
    .map((r, i) => ({ row: i + 2, values: Object.fromEntries(names.map((n, j) => [n, (r[j] ?? "").trim()])) }))
    .filter((r) => Object.values(r.values).some((v) => v !== ""));
}

/** "12" → 12; anything else stays text so the order's validation names the field. */
const num = (v: string | undefined) => (v === undefined || v === "" ? undefined : /^-?\d+$/.test(v) ? Number(v) : v);
const text = (v: string | undefined) => (v === undefined || v === "" ? undefined : v);

/** The orders CSV: one row per order line; the order's own fields are read from its first row. */
export const ORDER_CSV_COLUMNS = [
  "order_id", "name", "email", "currency", "financial_status", "updated_at", "sku", "title", "quantity", "unit_price",
  "shipping_total", "tax_total", "total", "ship_name", "ship_line1", "ship_line2", "ship_city", "ship_region",
  "ship_postal_code", "ship_country", "ship_phone",
] as const;

function orderUnitsFromCsv(text_: string): ImportUnit[] {
  const rows = csvRows(text_, ["order_id", "currency", "sku", "quantity", "unit_price"]);
  const byOrder = new Map<string, { rows: number[]; first: Record<string, string>; lines: Record<string, string>[] }>();
  const units: ImportUnit[] = [];
  for (const r of rows) {
    const id = r.values.order_id;
    if (!id) {
      units.push({ rows: [r.row], error: "order_id is empty" });
      continue;
    }
    const o = byOrder.get(id) ?? byOrder.set(id, { rows: [], first: r.values, lines: [] }).get(id)!;
    o.rows.push(r.row);
    o.lines.push(r.values);
  }
  for (const [id, o] of byOrder) {
    const f = o.first;
    const address = Object.fromEntries(
      ["name", "line1", "line2", "city", "region", "postal_code", "country", "phone"].map((k) => [k, text(f[`ship_${k}`])]).filter(([, v]) => v !== undefined),
    );
    units.push({
      rows: o.rows,
      doc: {
        id,
        name: text(f.name),
        email: text(f.email),
        currency: f.currency,
        financial_status: text(f.financial_status),
        updated_at: num(f.updated_at),
        lines: o.lines.map((l) => ({ sku: l.sku, title: text(l.title), quantity: num(l.quantity), unit_price: num(l.unit_price) })),
        shipping_address: Object.keys(address).length ? address : undefined,
        shipping_total: num(f.shipping_total),
        tax_total: num(f.tax_total),
        total: num(f.total),
      },
    });
  }
  return units.sort((a, b) => a.rows[0] - b.rows[0]);
}

function orderUnitsFromJsonLines(text_: string): ImportUnit[] {
  const units: ImportUnit[] = [];
  text_.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    try {
      units.push({ rows: [i + 1], doc: JSON.parse(line) });
    } catch (err) {
      units.push({ rows: [i + 1], error: `Not JSON: ${(err as Error).message}` });
    }
  });
  return units;
}

function stockUnits(text_: string): ImportUnit[] {
  return csvRows(text_, ["sku", "location", "on_hand"]).map(({ row, values }) => {
    const onHand = num(values.on_hand);
    if (!values.sku || !values.location) return { rows: [row], error: "sku and location are required" };
    if (typeof onHand !== "number" || onHand < 0 || onHand > 1_000_000_000) return { rows: [row], error: "on_hand must be a whole number, 0 or more" };
    return { rows: [row], doc: { sku: values.sku, location: values.location, on_hand: onHand } satisfies StockRow };
  });
}

/** Throws PayloadError when the file as a whole cannot be read (no header, missing columns, unclosed quote). */
export function importUnits(kind: ImportKind, file: string): ImportUnit[] {
  if (kind === "orders_jsonl") return orderUnitsFromJsonLines(file);
  if (kind === "orders_csv") return orderUnitsFromCsv(file);
  return stockUnits(file);
}

export const rowsOf = (units: ImportUnit[]) => units.reduce((t, u) => t + u.rows.length, 0);
