// GET /admin/orders: the order list. Reads through GET /v1/orders with the URL's filters; the list region refreshes
// itself every 15 s (shell script), so a new order appears without a reload.
import type { Context } from "hono";
import { html } from "hono/html";
import type { OrderSummaryView } from "../../orders/schemas";
import { api, problemText } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { nextLink } from "../shell/html";
import { page } from "../shell/layout";
import { filterForm } from "./filter-form";
import { apiQuery, readFilters, viewQuery } from "./filters";
import { bulkForm } from "./list-table";
import { channelNames, locationNames } from "./lookups";
import { savedViews } from "./saved-views";
import { savedViewsPanel, viewTabs } from "./tabs";

export async function listPage(c: Context<DashEnv>) {
  const filters = readFilters(c);
  const limit = Number(c.req.query("limit")) || undefined;
  const [result, saved, channels, locations] = await Promise.all([
    api<{ data: OrderSummaryView[]; next_cursor: string | null }>(c, "GET", `/v1/orders?${apiQuery(filters, { limit, cursor: c.req.query("cursor") })}`),
    savedViews(c.env.DB, c.get("staff").id),
    channelNames(c),
    locationNames(c),
  ]);
  const url = new URL(c.req.url);
  const view = viewQuery(filters);
  const body = html`<h1>Orders</h1>
${viewTabs(filters, saved)}
${filterForm(filters, { channels, locations })}
${savedViewsPanel(c, filters, saved)}
<p><a href="/admin/orders/export.csv${view ? `?${view}` : ""}" download>Export these orders as CSV</a> <span class="muted">(every page, up to 5,000 orders)</span></p>
<section data-refresh="15" aria-label="Order list">
${result.ok
    ? html`${bulkForm(c, result.data.data, channels, `${url.pathname}${url.search}`)}${nextLink(c, result.data.next_cursor)}`
    : html`<p class="flash error" role="alert">${problemText(result.problem)}</p>`}
</section>`;
  return page(c, { title: "Orders", screen: "orders", body, status: result.ok ? 200 : result.status === 400 ? 400 : 200 });
}
