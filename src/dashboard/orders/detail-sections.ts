// The parts of an order's page: its lines with where each unit is allocated, its shipments with their paper, its
// money (payments, invoices, credit notes) and its risk.
import type { Context } from "hono";
import { html } from "hono/html";
import type { OrderDetailView } from "../../orders/schemas";
import type { DashEnv } from "../shell/env";
import { badge, formGuard, money, when } from "../shell/html";
import { editable } from "./action-forms";
import { type Names, nameOf } from "./lookups";

export interface Document {
  id: string;
  number: string;
  total: number;
  currency: string;
  issued_at: number;
  reason?: string | null;
}

const base = (o: OrderDetailView) => `/admin/orders/${encodeURIComponent(o.id)}`;

export function linesTable(c: Context<DashEnv>, o: OrderDetailView, locations: Names) {
  const cancellable = o.status !== "cancelled" && o.status !== "completed";
  return html`<h2>Lines</h2><table><thead><tr><th scope="col">SKU</th><th scope="col">Item</th><th scope="col" class="num">Quantity</th>
<th scope="col" class="num">Cancelled</th><th scope="col" class="num">Unit price</th><th scope="col" class="num">Total</th><th scope="col">Allocated at</th>
${cancellable ? html`<th scope="col">Cancel units</th>` : html``}${editable(o) ? html`<th scope="col">Change quantity</th>` : html``}</tr></thead><tbody>${o.lines.map((l) => {
    const left = l.quantity - l.cancelled_quantity;
    return html`<tr><td><code>${l.sku}</code></td><td>${l.title}${l.supply !== "stock" ? html` ${badge(l.supply)}` : html``}</td>
<td class="num">${l.quantity}</td><td class="num">${l.cancelled_quantity || ""}</td><td class="num">${money(l.unit_price, o.currency)}</td>
<td class="num">${money(l.total, o.currency)}</td>
<td>${l.allocations.length ? l.allocations.map((a) => html`${nameOf(locations, a.location_id)}: ${a.quantity}<br />`) : html`<span class="muted">none</span>`}</td>
${cancellable
  ? html`<td>${left > 0
      ? html`<form method="post" action="${base(o)}/cancel-line" class="row">${formGuard(c)}<input type="hidden" name="line_id" value="${l.id}" />
<input type="hidden" name="version" value="${o.version}" />
<label>Units of ${l.sku} <input name="quantity" type="number" min="1" max="${left}" value="1" size="4" /></label>
<label>Reason <input name="reason" required maxlength="500" size="14" /></label><button type="submit" class="danger">Cancel units</button></form>`
      : html`<span class="muted">all cancelled</span>`}</td>`
  : html``}${editable(o) && left > 0
  ? html`<td><form method="post" action="${base(o)}/set-quantity" class="row">${formGuard(c)}<input type="hidden" name="line_id" value="${l.id}" />
<input type="hidden" name="version" value="${o.version}" /><label>New quantity of ${l.sku} <input name="quantity" type="number" min="1" value="${l.quantity}" size="4" /></label>
<button type="submit">Change quantity</button></form></td>`
  : editable(o) ? html`<td></td>` : html``}</tr>`;
  })}</tbody></table>
<p>Subtotal ${money(o.subtotal, o.currency)} · shipping ${money(o.shipping_total, o.currency)} · tax ${money(o.tax_total, o.currency)} · <strong>total ${money(o.total, o.currency)}</strong></p>`;
}

export function fulfillmentsTable(o: OrderDetailView, locations: Names) {
  if (!o.fulfillments.length) return html`<h2>Shipments</h2><p class="muted">No shipments yet.</p>`;
  return html`<h2>Shipments</h2><table><thead><tr><th scope="col">From</th><th scope="col">Status</th><th scope="col">Units</th>
<th scope="col">Carrier</th><th scope="col">Tracking</th><th scope="col">Shipped</th><th scope="col">Paper</th></tr></thead><tbody>${o.fulfillments.map((f) => {
    const paper = `${base(o)}/fulfillments/${encodeURIComponent(f.id)}`;
    return html`<tr><td>${nameOf(locations, f.location_id)}</td><td>${badge(f.status)}</td>
<td>${f.lines.map((l) => html`${l.sku} × ${l.quantity}<br />`)}</td><td>${[f.carrier, f.service].filter(Boolean).join(" ") || "—"}</td>
<td>${f.tracking_number ? (f.tracking_url ? html`<a href="${f.tracking_url}" rel="noopener noreferrer">${f.tracking_number}</a>` : f.tracking_number) : "—"}</td>
<td>${when(f.shipped_at)}</td>
<td><a href="${paper}/label.pdf">Label (PDF)</a> · <a href="${paper}/packing-slip.pdf">Packing slip (PDF)</a></td></tr>`;
  })}</tbody></table>`;
}

export function paymentsTable(o: OrderDetailView) {
  if (!o.payments.length) return html`<h2>Payments</h2><p class="muted">No payments recorded.</p>`;
  return html`<h2>Payments</h2><table><thead><tr><th scope="col">Kind</th><th scope="col">Provider</th><th scope="col">Reference</th>
<th scope="col" class="num">Amount</th><th scope="col">At the provider</th><th scope="col">When</th></tr></thead><tbody>${o.payments.map(
    (p) => html`<tr><td>${p.kind}</td><td>${p.provider}</td><td><code>${p.reference}</code></td><td class="num">${money(p.amount, p.currency)}</td>
<td>${badge(p.status)}</td><td>${when(p.created_at)}</td></tr>`,
  )}</tbody></table>`;
}

export function documentsList(o: OrderDetailView, invoices: Document[] | null, creditNotes: Document[] | null) {
  const list = (docs: Document[] | null, kind: "invoices" | "credit-notes", none: string) =>
    docs === null
      ? html`<p class="muted">Could not be read.</p>`
      : docs.length
        ? html`<ul>${docs.map(
            (d) => html`<li><a href="${base(o)}/${kind}/${encodeURIComponent(d.id)}.pdf">${d.number}</a> · ${money(d.total, d.currency)} · ${when(d.issued_at)}${
              d.reason ? html` · ${d.reason}` : html``
            }</li>`,
          )}</ul>`
        : html`<p class="muted">${none}</p>`;
  return html`<div class="grid2"><section><h2>Invoices</h2>${list(invoices, "invoices", "No invoice yet (one is issued with each capture).")}</section>
<section><h2>Credit notes</h2>${list(creditNotes, "credit-notes", "No credit notes.")}</section></div>`;
}

export function riskPanel(o: OrderDetailView) {
  return html`<section class="panel"><h2>Risk</h2>${o.risk
    ? html`<p>Score <strong>${o.risk.score}</strong>${o.hold?.kind === "fraud_review" ? html` ${badge("on_hold")} for fraud review` : html``}</p>${
        o.risk.reasons.length ? html`<ul>${o.risk.reasons.map((r) => html`<li>${r}</li>`)}</ul>` : html`<p class="muted">No rule fired.</p>`
      }`
    : html`<p class="muted">Not screened.</p>`}</section>`;
}
