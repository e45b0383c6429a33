// GET /admin/orders/export.csv: the current view (its filters, every page) as CSV, read through GET /v1/orders.
import type { Context } from "hono";
import type { OrderSummaryView } from "../../orders/schemas";
import { api, type ApiResult, problemText } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { setFlash } from "../shell/flash";
import { apiQuery, readFilters, viewQuery } from "./filters";
import { type Cell, csvRow } from "./csv";
import { customerName } from "./people";

/** Enough for a day's or a week's work in a spreadsheet; a whole store is an analytics or import job, not a click. */
export const EXPORT_CAP = 5000;
const PAGE = 200;
type OrderPage = { data: OrderSummaryView[]; next_cursor: string | null };

const HEADER = [
  "Order number", "Order id", "Placed (UTC)", "Channel", "Email", "Customer", "Currency", "Subtotal", "Shipping", "Tax", "Total",
  "Status", "Payment", "Fulfillment", "Returns", "Tags", "Risk score", "Hold", "Hold reason", "External id",
];

const amount = (minor: number) => (minor / 100).toFixed(2);

const cells = (o: OrderSummaryView): Cell[] => [
  o.number, o.id, new Date(o.created_at).toISOString().slice(0, 19).replace("T", " "), o.channel_id, o.email, customerName(o), o.currency,
  amount(o.subtotal), amount(o.shipping_total), amount(o.tax_total), amount(o.total),
  o.status, o.payment_status, o.fulfillment_status, o.return_status, o.tags.join(" "), o.risk?.score ?? null, o.hold?.kind ?? null,
  o.hold?.reason ?? null, o.external_id,
];

export async function exportCsv(c: Context<DashEnv>) {
  const filters = readFilters(c);
  // A BOM so spreadsheet programs read the names as UTF-8.
  const out: string[] = ["\uFEFF", csvRow(HEADER)];
  let cursor: string | null = null;
  let rows = 0;
  do {
    const res: ApiResult<OrderPage> = await api<OrderPage>(
      c, "GET", `/v1/orders?${apiQuery(filters, { limit: Math.min(PAGE, EXPORT_CAP - rows), cursor })}`,
    );
    if (!res.ok) {
      setFlash(c, { kind: "error", text: problemText(res.problem) });
      const view = viewQuery(filters);
      return c.redirect(view ? `/admin/orders?${view}` : "/admin/orders", 303);
    }
    for (const o of res.data.data) out.push(csvRow(cells(o)));
    rows += res.data.data.length;
    cursor = res.data.next_cursor;
  } while (cursor && rows < EXPORT_CAP);
  const day = new Date().toISOString().slice(0, 10);
  return c.body(out.join(""), 200, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="orders-${day}.csv"`,
    // Tells a script (and the curious) that more orders matched than the file holds.
    ...(cursor ? { "x-export-truncated": String(EXPORT_CAP) } : {}),
  });
}
