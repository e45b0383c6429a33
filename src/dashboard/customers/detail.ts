// One customer: details, addresses, spend, latest orders, store credit, and the export and erase (GDPR) actions.
import { Hono } from "hono";
import { html } from "hono/html";
import type { CustomerDetailView } from "../../customers/schemas";
import { api, problemText } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { screen } from "../shell/guard";
import { badge, formGuard, money, when } from "../shell/html";
import { page } from "../shell/layout";

export const detailRoutes = new Hono<DashEnv>();

interface StoreCreditView {
  balances: { currency: string; balance: number; next_expiry: number | null }[];
  entries: { id: string; amount: number; currency: string; expires_at: number | null; reason: string; ref: string | null; order_id: string | null; created_at: number }[];
}

const address = (a: Record<string, unknown>) =>
  ["name", "company", "line1", "line2", "postal_code", "city", "region", "country"].map((k) => a[k]).filter((v) => typeof v === "string" && v).join(", ");

const storeCredit = (sc: StoreCreditView) => html`<h2>Store credit</h2>
${sc.balances.length ? html`<p>${sc.balances.map((b) => html`<strong>${money(b.balance, b.currency)}</strong>${b.next_expiry ? html` (next expiry ${when(b.next_expiry)})` : html``} `)}</p>` : html`<p class="muted">No store credit.</p>`}
${
  sc.entries.length
    ? html`<table><thead><tr><th>When</th><th>Reason</th><th class="num">Amount</th><th>Order</th><th>Expires</th></tr></thead><tbody>${sc.entries.map(
        (e) => html`<tr><td>${when(e.created_at)}</td><td>${e.reason}</td><td class="num">${money(e.amount, e.currency)}</td>
          <td>${e.order_id ? html`<a href="/admin/orders/${e.order_id}">order</a>` : html``}</td><td>${when(e.expires_at)}</td></tr>`,
      )}</tbody></table>`
    : html``
}`;

detailRoutes.get("/customers/:id", screen("customers"), async (c) => {
  const id = encodeURIComponent(c.req.param("id"));
  const [res, credit] = await Promise.all([api<CustomerDetailView>(c, "GET", `/v1/customers/${id}`), api<StoreCreditView>(c, "GET", `/v1/customers/${id}/store-credit`)]);
  if (!res.ok)
    return page(c, { title: "Customer", screen: "customers", status: res.status === 404 ? 404 : 502, body: html`<h1>Customer</h1><p class="flash error" role="alert">${problemText(res.problem)}</p>` });
  const x = res.data;
  const body = html`<p><a href="/admin/customers">← Customers</a></p>
<h1>${x.name ?? x.email} ${x.erased_at ? badge("erased") : html``}</h1>
${x.erased_at ? html`<p class="flash notice" role="status">Personal data erased ${when(x.erased_at)}: orders keep their amounts, lines and numbers.</p>` : html``}
<div class="grid2"><dl class="panel">
  <dt>Email</dt><dd>${x.email}</dd>
  <dt>Name</dt><dd>${x.name ?? "—"}</dd>
  <dt>Phone</dt><dd>${x.phone ?? "—"}</dd>
  <dt>Orders</dt><dd>${x.orders_count}</dd>
  <dt>First order</dt><dd>${when(x.first_order_at)}</dd>
  <dt>Last order</dt><dd>${when(x.last_order_at)}</dd>
  <dt>Spent</dt><dd>${x.spent.length ? x.spent.map((s) => money(s.amount, s.currency)).join(", ") : "—"}</dd>
</dl>
<div class="panel"><h2>Addresses</h2>${
    x.addresses.length
      ? html`<ul>${x.addresses.map((a) => html`<li>${address(a.address as never)} <span class="muted">(${a.kinds.join(", ")}; ${a.orders} order(s))</span></li>`)}</ul>`
      : html`<p class="muted">None.</p>`
  }</div></div>
<h2>Recent orders</h2>${
    x.recent_orders.length
      ? html`<table><thead><tr><th>Order</th><th>Status</th><th>Payment</th><th>Fulfillment</th><th class="num">Total</th><th>Placed</th></tr></thead><tbody>${x.recent_orders.map(
          (o) => html`<tr><td><a href="/admin/orders/${o.id}">#${o.number}</a></td><td>${badge(o.status)}</td><td>${badge(o.payment_status)}</td><td>${badge(o.fulfillment_status)}</td>
            <td class="num">${money(o.total, o.currency)}</td><td>${when(o.created_at)}</td></tr>`,
        )}</tbody></table>`
      : html`<p class="muted">No orders.</p>`
  }
${credit.ok ? storeCredit(credit.data) : html``}
<h2>Data protection</h2>
<p><a href="/admin/customers/${x.id}/export" download>Download everything held about this customer (JSON)</a></p>
${
    x.erased_at
      ? html``
      : html`<form method="post" action="/admin/customers/${x.id}/erase" class="panel">${formGuard(c)}
  <p>Erasing replaces the email, name, phone and addresses with a pseudonym in the customer and every order of theirs. It cannot be undone.</p>
  <label>Type the customer's email (${x.email}) to confirm<input name="confirm" autocomplete="off" required /></label>
  <p><button type="submit" class="danger">Erase personal data</button></p></form>`
  }`;
  return page(c, { title: x.name ?? x.email, screen: "customers", body });
});
