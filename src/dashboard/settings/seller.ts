// The seller profile invoices and credit notes print: already issued documents keep the one they were issued with.
import { Hono } from "hono";
import { html } from "hono/html";
import { api } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { answer, readForm } from "../shell/form";
import { screen } from "../shell/guard";
import { formGuard, when } from "../shell/html";
import { page } from "../shell/layout";
import { crumbs, readFailed } from "./view";

export const sellerRoutes = new Hono<DashEnv>();

const ADDRESS: [string, string, boolean][] = [
  ["name", "Addressee", true],
  ["line1", "Street and number", true],
  ["line2", "Address line 2", false],
  ["postal_code", "Postal code", true],
  ["city", "City", true],
  ["region", "Region", false],
  ["country", "Country (2 letters)", true],
];

sellerRoutes.get("/settings/seller", screen("settings"), async (c) => {
  const res = await api<any>(c, "GET", "/v1/settings/seller");
  const s = res.ok ? res.data : null;
  const body = html`${crumbs}<h1>Seller profile</h1>${readFailed(res)}
${
  s
    ? html`<p class="muted">${s.updated_at ? html`Last changed ${when(s.updated_at)}.` : "The defaults are in use."} Documents already issued keep the profile they were issued with.</p>
<form method="post" action="/admin/settings/seller">${formGuard(c)}
<div class="grid2"><div>
<label>Business name <input name="name" required maxlength="200" value="${s.name}" /></label>
<label>VAT id <input name="vat_id" maxlength="32" value="${s.vat_id ?? ""}" /></label>
<label>Email <input type="email" name="email" maxlength="254" value="${s.email ?? ""}" /></label></div>
<fieldset><legend>Address (leave the street empty for none)</legend>${ADDRESS.map(
        ([k, label]) => html`<label>${label} <input name="address.${k}" value="${s.address?.[k] ?? ""}" /></label>`,
      )}</fieldset></div>
<p><button type="submit" class="primary">Save seller profile</button></p></form>`
    : html``
}`;
  return page(c, { title: "Seller profile", screen: "settings", body });
});

sellerRoutes.post("/settings/seller", screen("settings"), async (c) => {
  const f = await readForm(c);
  const address = f.one("address.line1")
    ? Object.fromEntries(ADDRESS.flatMap(([k, , required]) => (required || f.one(`address.${k}`) ? [[k, k === "country" ? f.one(`address.${k}`).toUpperCase() : f.one(`address.${k}`)]] : [])))
    : null;
  const body = { name: f.one("name"), vat_id: f.one("vat_id") || null, email: f.one("email") || null, address };
  return answer(c, await api(c, "PUT", "/v1/settings/seller", { body, idempotencyKey: f.idem }), "/admin/settings/seller", "Seller profile saved.");
});
