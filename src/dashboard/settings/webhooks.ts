// Webhook subscriptions: where events are sent. The signing secret is shown once, right after creating one.
import { Hono } from "hono";
import { html } from "hono/html";
import { EVENT_TYPES } from "../../events/emit";
import { api } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { answer, readForm } from "../shell/form";
import { screen } from "../shell/guard";
import { badge, formGuard, nextLink, postButton, when } from "../shell/html";
import { page } from "../shell/layout";
import { crumbs, readFailed } from "./view";

export const webhookRoutes = new Hono<DashEnv>();
const BACK = "/admin/settings/webhooks";

interface Subscription {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  secret_prefix: string;
  created_at: number;
  secret?: string;
}

webhookRoutes.get("/settings/webhooks", screen("settings"), async (c) => {
  const cursor = c.req.query("cursor");
  const res = await api<{ data: Subscription[]; next_cursor: string | null }>(c, "GET", `/v1/webhook-subscriptions?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
  const body = html`${crumbs}<h1>Webhook subscriptions</h1>${readFailed(res)}
${
  res.ok
    ? res.data.data.length
      ? html`<table><thead><tr><th>URL</th><th>Events</th><th>State</th><th>Secret</th><th>Created</th><th>Action</th></tr></thead><tbody>${res.data.data.map(
          (s) => html`<tr><td>${s.url}</td><td>${s.events.join(", ")}</td><td>${badge(s.active ? "active" : "disabled")}</td><td><code>${s.secret_prefix}</code></td>
<td>${when(s.created_at)}</td><td>${postButton(c, `${BACK}/${s.id}/delete`, "Delete subscription", {}, { danger: true })}</td></tr>`,
        )}</tbody></table>${nextLink(c, res.data.next_cursor)}`
      : html`<p class="muted">No subscriptions yet.</p>`
    : html``
}
<h2>Add a subscription</h2>
<form method="post" action="${BACK}">${formGuard(c)}
<label>URL (https) <input type="url" name="url" required maxlength="2048" placeholder="https://hooks.example.com/oms" /></label>
<fieldset><legend>Events</legend><div class="tiles">${EVENT_TYPES.map(
    (e) => html`<label style="flex-direction:row;gap:4px"><input type="checkbox" name="events" value="${e}" /> ${e}</label>`,
  )}</div></fieldset>
<p><button type="submit" class="primary">Add subscription</button></p></form>`;
  return page(c, { title: "Webhook subscriptions", screen: "settings", body });
});

webhookRoutes.post("/settings/webhooks", screen("settings"), async (c) => {
  const f = await readForm(c);
  const res = await api<Subscription>(c, "POST", "/v1/webhook-subscriptions", { body: { url: f.one("url"), events: f.all("events") } });
  if (!res.ok) return answer(c, res, BACK, "");
  return page(c, {
    title: "Subscription added",
    screen: "settings",
    status: 201,
    body: html`${crumbs}<h1>Subscription added</h1>
<p class="flash notice" role="status">Events for ${res.data.url} are signed with this secret (Standard Webhooks). Copy it into the receiver now: it is shown only once.</p>
<label>Signing secret <input type="text" readonly value="${res.data.secret}" size="60" /></label>
<p><a href="${BACK}">Back to webhook subscriptions</a></p>`,
  });
});

webhookRoutes.post("/settings/webhooks/:id/delete", screen("settings"), async (c) => {
  const res = await api(c, "DELETE", `/v1/webhook-subscriptions/${encodeURIComponent(c.req.param("id"))}`);
  return answer(c, res, BACK, "Subscription deleted: no more events go there.");
});
