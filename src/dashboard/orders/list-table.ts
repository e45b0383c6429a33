// The order list's table, inside the bulk form: one checkbox per order, then what the desk scans a list for.
import type { Context } from "hono";
import { html } from "hono/html";
import type { OrderSummaryView } from "../../orders/schemas";
import type { DashEnv } from "../shell/env";
import { badge, formGuard, money, when } from "../shell/html";
import { type Names, nameOf } from "./lookups";
import { customerName } from "./people";

const risk = (o: OrderSummaryView) =>
  o.risk
    ? html`<span class="badge ${o.hold?.kind === "fraud_review" ? "warn" : "mute"}" title="${o.risk.reasons.join(", ")}">${o.risk.score}</span>`
    : html`<span class="muted">—</span>`;

function row(o: OrderSummaryView, channels: Names) {
  const name = customerName(o);
  return html`<tr>
<td><input type="checkbox" name="order" value="${o.id}" aria-label="Select order #${o.number}" /></td>
<td><a href="/admin/orders/${encodeURIComponent(o.id)}">#${o.number}</a></td>
<td>${when(o.created_at)}</td>
<td>${nameOf(channels, o.channel_id)}</td>
<td>${name ? html`${name}<br />` : html``}<span class="muted">${o.email}</span></td>
<td class="num">${money(o.total, o.currency)}</td>
<td>${badge(o.status)}${o.hold ? html` <span class="muted">${o.hold.kind.replaceAll("_", " ")}</span>` : html``}</td>
<td>${badge(o.payment_status)}</td>
<td>${badge(o.fulfillment_status)}${o.return_status !== "none" ? html` ${badge(o.return_status)}` : html``}</td>
<td>${o.tags.map((t) => html`<span class="badge mute">${t}</span> `)}</td>
<td>${risk(o)}</td>
</tr>`;
}

/** The bulk actions act on the checked rows, each through the order's own API route. */
export function bulkForm(c: Context<DashEnv>, orders: OrderSummaryView[], channels: Names, back: string) {
  return html`<form method="post" action="/admin/orders/bulk">${formGuard(c)}<input type="hidden" name="back" value="${back}" />
<fieldset class="row"><legend>With the checked orders</legend>
<label>Tag <input name="tag" maxlength="40" size="12" /></label><button type="submit" name="action" value="tag">Add tag</button>
<label>Hold reason <input name="reason" maxlength="500" size="20" /></label><button type="submit" name="action" value="hold">Put on hold</button>
<button type="submit" name="action" value="release">Release hold</button>
<button type="submit" name="action" value="print">Print packing slips and labels</button></fieldset>
<table><caption class="muted">${orders.length} order(s) on this page</caption><thead><tr>
<th scope="col"><span class="muted">Select</span></th><th scope="col">Order</th><th scope="col">Placed</th><th scope="col">Channel</th><th scope="col">Customer</th>
<th scope="col" class="num">Total</th><th scope="col">Status</th><th scope="col">Payment</th><th scope="col">Fulfillment</th><th scope="col">Tags</th><th scope="col">Risk</th>
</tr></thead><tbody>${orders.length ? orders.map((o) => row(o, channels)) : html`<tr><td colspan="11">No orders match these filters.</td></tr>`}</tbody></table></form>`;
}
