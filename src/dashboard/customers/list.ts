// Finding a customer: GET /v1/customers by the start of the email or name (the search is in the URL), newest first.
import { Hono } from "hono";
import { html } from "hono/html";
import type { CustomerView } from "../../customers/schemas";
import { api, problemText } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { screen } from "../shell/guard";
import { badge, nextLink, when } from "../shell/html";
import { page } from "../shell/layout";

export const listRoutes = new Hono<DashEnv>();

listRoutes.get("/customers", screen("customers"), async (c) => {
  const q = (c.req.query("q") ?? "").trim();
  const params = new URLSearchParams({ limit: "50" });
  // The API searches from two characters on; one character would answer 422, so it is asked for nothing instead.
  const tooShort = q.length === 1;
  if (q.length > 1) params.set("q", q);
  const cursor = c.req.query("cursor");
  if (cursor) params.set("cursor", cursor);
  const res = tooShort ? null : await api<{ data: CustomerView[]; next_cursor: string | null }>(c, "GET", `/v1/customers?${params}`);
  const body = html`<h1>Customers</h1>
<form method="get" action="/admin/customers" class="row" role="search">
  <label>Email or name (its start)<input type="search" name="q" value="${q}" minlength="2" maxlength="100" /></label>
  <button type="submit">Search</button>
</form>
${
  tooShort
    ? html`<p class="muted">Type at least two characters.</p>`
    : !res
      ? html``
      : !res.ok
        ? html`<p class="flash error" role="alert">${problemText(res.problem)}</p>`
        : res.data.data.length
          ? html`<table><thead><tr><th>Email</th><th>Name</th><th class="num">Orders</th><th>Last order</th><th>Customer since</th></tr></thead><tbody>${res.data.data.map(
              (x) => html`<tr><td><a href="/admin/customers/${x.id}">${x.email}</a> ${x.erased_at ? badge("erased") : html``}</td><td>${x.name ?? ""}</td>
                <td class="num">${x.orders_count}</td><td>${when(x.last_order_at)}</td><td>${when(x.first_order_at ?? x.created_at)}</td></tr>`,
            )}</tbody></table>${nextLink(c, res.data.next_cursor)}`
          : html`<p class="muted">No customer matches.</p>`
}`;
  return page(c, { title: "Customers", screen: "customers", body });
});
