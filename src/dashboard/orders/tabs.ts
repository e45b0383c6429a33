// The views above the order list: the usual ones every desk needs, then those the staff member saved. Each is a link
// to the list with its filters; the one matching the current filters is marked as the current page.
import type { Context } from "hono";
import { html } from "hono/html";
import type { DashEnv } from "../shell/env";
import { formGuard, postButton } from "../shell/html";
import { type Filters, viewQuery } from "./filters";
import type { SavedView } from "./saved-views";

export const USUAL_VIEWS: { name: string; filters: Filters }[] = [
  { name: "All", filters: {} },
  { name: "Unfulfilled", filters: { status: "open", fulfillment_status: "unfulfilled" } },
  { name: "On hold", filters: { status: "on_hold" } },
  // Money authorized at checkout and not yet taken: capture it before the authorization lapses.
  { name: "To capture", filters: { payment_status: "authorized" } },
  { name: "Cancelled", filters: { status: "cancelled" } },
];

const link = (query: string) => (query ? `/admin/orders?${query}` : "/admin/orders");

export function viewTabs(current: Filters, saved: SavedView[]) {
  const here = viewQuery(current);
  const tab = (name: string, query: string) =>
    html`<a href="${link(query)}"${query === here ? html` aria-current="page"` : html``}>${name}</a>`;
  return html`<nav class="tabs" aria-label="Order views">${USUAL_VIEWS.map((v) => tab(v.name, viewQuery(v.filters)))}${saved.map((v) =>
    tab(v.name, v.query),
  )}</nav>`;
}

/** Save the current filters under a name; the saved ones listed with a delete button each. */
export function savedViewsPanel(c: Context<DashEnv>, current: Filters, saved: SavedView[]) {
  return html`<details class="panel"><summary>Saved views (${saved.length})</summary>
<form method="post" action="/admin/orders/views" class="row">${formGuard(c)}<input type="hidden" name="query" value="${viewQuery(current)}" />
<label>View name <input name="name" required maxlength="60" /></label><button type="submit">Save current filters as a view</button></form>
${saved.length
    ? html`<ul>${saved.map(
        (v) => html`<li><a href="${link(v.query)}">${v.name}</a> <span class="muted">${v.query || "all orders"}</span> ${postButton(
          c,
          `/admin/orders/views/${encodeURIComponent(v.id)}/delete`,
          `Delete view ${v.name}`,
          {},
          { danger: true },
        )}</li>`,
      )}</ul>`
    : html`<p class="muted">No saved views yet.</p>`}</details>`;
}
