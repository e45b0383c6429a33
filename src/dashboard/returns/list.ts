// The returns list: newest first, filtered by state and refund status (both in the URL), refreshed every 15 s.
import { Hono, type Context } from "hono";
import { html } from "hono/html";
import { RETURN_STATUSES } from "../../domain/return";
import { REFUND_STATUSES } from "../../refunds/status";
import { api, problemText } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { screen } from "../shell/guard";
import { badge, nextLink, when, withQuery } from "../shell/html";
import { page } from "../shell/layout";
import type { ReturnView } from "./view";

export const listRoutes = new Hono<DashEnv>();

const PAGE = 50;
/** Pages of the API's list read at most for one screen when filtering by refund status. */
const SCAN = 5;

/**
 * GET /v1/returns filters by state, not by refund status; a refund status filter reads the API's pages until a screen's
 * worth matches (or SCAN pages were read), and the next link goes on from the API's cursor, so no return is skipped.
 */
async function findReturns(c: Context<DashEnv>, q: { status?: string; refund?: string; order?: string; cursor?: string }) {
  const rows: ReturnView[] = [];
  let cursor = q.cursor;
  for (let read = 0; read < (q.refund ? SCAN : 1); read++) {
    const params = new URLSearchParams({ limit: String(q.refund ? 100 : PAGE) });
    if (q.status) params.set("status", q.status);
    if (q.order) params.set("order_id", q.order);
    if (cursor) params.set("cursor", cursor);
    const res = await api<{ data: ReturnView[]; next_cursor: string | null }>(c, "GET", `/v1/returns?${params}`);
    if (!res.ok) return res;
    rows.push(...res.data.data.filter((r) => !q.refund || r.refund_status === q.refund));
    cursor = res.data.next_cursor ?? undefined;
    if (!cursor || rows.length >= PAGE) break;
  }
  return { ok: true as const, rows, next: cursor ?? null };
}

const STATE_TABS: [string, string][] = [["", "All"], ...RETURN_STATUSES.map((s): [string, string] => [s, s[0].toUpperCase() + s.slice(1)])];

listRoutes.get("/returns", screen("returns"), async (c) => {
  const status = (RETURN_STATUSES as readonly string[]).includes(c.req.query("status") ?? "") ? c.req.query("status") : undefined;
  const refund = (REFUND_STATUSES as readonly string[]).includes(c.req.query("refund_status") ?? "") ? c.req.query("refund_status") : undefined;
  const order = c.req.query("order_id") || undefined;
  const found = await findReturns(c, { status, refund, order, cursor: c.req.query("cursor") || undefined });

  const body = html`<h1>Returns</h1>
<nav class="tabs" aria-label="Return state">${STATE_TABS.map(
    ([s, label]) => html`<a href="${withQuery(c, { status: s })}"${(status ?? "") === s ? html` aria-current="page"` : html``}>${label}</a>`,
  )}</nav>
<form method="get" action="/admin/returns" class="row">
  ${status ? html`<input type="hidden" name="status" value="${status}" />` : html``}
  ${order ? html`<input type="hidden" name="order_id" value="${order}" />` : html``}
  <label>Refund status<select name="refund_status"><option value="">Any</option>${REFUND_STATUSES.map(
    (s) => html`<option value="${s}"${refund === s ? html` selected` : html``}>${s.replaceAll("_", " ")}</option>`,
  )}</select></label>
  <button type="submit">Filter</button>
</form>
<div data-refresh="15">${
    found.ok
      ? found.rows.length
        ? html`<table><thead><tr><th>RMA</th><th>Order</th><th>State</th><th>Refund</th><th>Source</th><th class="num">Units</th><th>Created</th></tr></thead><tbody>${found.rows.map(
            (r) => html`<tr><td><a href="/admin/returns/${r.id}">${r.rma}</a></td><td><a href="/admin/orders/${r.order_id}">#${r.order_number}</a></td>
              <td>${badge(r.status)}</td><td>${badge(r.refund_status)}</td><td>${r.source}</td><td class="num">${r.lines.reduce((n, l) => n + l.quantity, 0)}</td><td>${when(r.created_at)}</td></tr>`,
          )}</tbody></table>`
        : html`<p class="muted">No returns match.</p>`
      : html`<p class="flash error" role="alert">${problemText(found.problem)}</p>`
  }${found.ok ? nextLink(c, found.next) : html``}</div>`;
  return page(c, { title: "Returns", screen: "returns", body });
});
