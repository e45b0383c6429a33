// API keys: list and revoke every key; create publishable keys only. A secret key is never made here, so it never
// passes through a browser: create one with the API (POST /v1/api-keys) from the machine that will hold it.
import { Hono } from "hono";
import { html } from "hono/html";
import { api } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { answer, readForm } from "../shell/form";
import { screen } from "../shell/guard";
import { badge, formGuard, nextLink, postButton, when } from "../shell/html";
import { page } from "../shell/layout";
import { crumbs, readFailed } from "./view";
import type { z } from "@hono/zod-openapi";
import type { ApiKey } from "../../keys/routes";

export const apiKeyRoutes = new Hono<DashEnv>();
const BACK = "/admin/settings/api-keys";

type Key = z.infer<typeof ApiKey> & { key?: string };

apiKeyRoutes.get("/settings/api-keys", screen("settings"), async (c) => {
  const cursor = c.req.query("cursor");
  const res = await api<{ data: Key[]; next_cursor: string | null }>(c, "GET", `/v1/api-keys?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
  const body = html`${crumbs}<h1>API keys</h1>
<p class="panel">Secret keys (sk_…) are never created or shown in the dashboard, so none ever reaches a browser. Create one with
<code>POST /v1/api-keys</code> from the server that will use it. Here you can create publishable keys (pk_…, storefront only, safe in a web page) and revoke any key.</p>
${readFailed(res)}
${
  res.ok
    ? html`<table><thead><tr><th>Name</th><th>Kind</th><th>Starts with</th><th>Scopes</th><th>Created</th><th>State</th><th>Action</th></tr></thead><tbody>${res.data.data.map(
        (k) => html`<tr><td>${k.name}</td><td>${k.kind}</td><td><code>${k.prefix}</code></td><td>${k.scopes.join(", ")}</td><td>${when(k.created_at)}</td>
<td>${k.revoked_at ? html`${badge("revoked")} ${when(k.revoked_at)}` : badge("active")}</td>
<td>${k.revoked_at ? html`` : postButton(c, `${BACK}/${k.id}/revoke`, `Revoke ${k.name}`, {}, { danger: true })}</td></tr>`,
      )}</tbody></table>${nextLink(c, res.data.next_cursor)}`
    : html``
}
<h2>Create a publishable key</h2>
<form method="post" action="${BACK}" class="row">${formGuard(c)}
<label>Name <input name="name" required maxlength="100" placeholder="Storefront" /></label>
<button type="submit" class="primary">Create publishable key</button></form>`;
  return page(c, { title: "API keys", screen: "settings", body });
});

apiKeyRoutes.post("/settings/api-keys", screen("settings"), async (c) => {
  const f = await readForm(c);
  // Always publishable, whatever the form says: see the comment at the top.
  const res = await api<Key>(c, "POST", "/v1/api-keys", { body: { kind: "publishable", name: f.one("name") } });
  if (!res.ok) return answer(c, res, BACK, "");
  return page(c, {
    title: "Publishable key created",
    screen: "settings",
    status: 201,
    body: html`${crumbs}<h1>Publishable key created</h1>
<p class="flash notice" role="status">Copy the key now: it is shown only once (only its hash is stored). It may only call storefront routes.</p>
<label>Publishable key <input type="text" readonly value="${res.data.key}" size="60" /></label>
<p><a href="${BACK}">Back to API keys</a></p>`,
  });
});

apiKeyRoutes.post("/settings/api-keys/:id/revoke", screen("settings"), async (c) => {
  const res = await api(c, "DELETE", `/v1/api-keys/${encodeURIComponent(c.req.param("id"))}`);
  return answer(c, res, BACK, "Key revoked: it stops working within 30 seconds everywhere.");
});
