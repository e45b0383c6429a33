// One channel: its setup, the deliveries it pushed (paged, by status) with replay, and what its listings were told.
import type { Context } from "hono";
import { html } from "hono/html";
import { api, problemText } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { badge, nextLink, postButton, when, withQuery } from "../shell/html";
import { qs } from "../today/counts";
import type { Channel } from "./list";
import type { z } from "@hono/zod-openapi";
import type { ChannelEvent } from "../../channels/schemas";

type Event = z.infer<typeof ChannelEvent>;
type Listing = { external_sku: string; sku: string; available: number; sent_available: number | null; sent_at: number | null; in_sync: boolean };

const STATUSES = ["", "failed", "received", "processed"] as const;
const err = (text: string) => html`<p class="flash error" role="alert">${text}</p>`;

export function setup(ch: Channel) {
  return html`<dl class="panel">
<dt>State</dt><dd>${badge(ch.active ? "active" : "disabled")} ${ch.kind}, code ${ch.code}</dd>
<dt>Webhook</dt><dd><code>${ch.webhook_path}</code> · secret ${ch.has_webhook_secret ? "set" : "not set"}</dd>
<dt>Stock figures go to</dt><dd>${ch.inventory_url ?? html`<span class="muted">nowhere (no inventory URL)</span>`} · buffer ${ch.stock_buffer_units} units, ${ch.stock_buffer_percent}%</dd>
</dl>`;
}

export async function events(c: Context<DashEnv>, ch: Channel) {
  const status = STATUSES.find((s) => s && s === c.req.query("status")) ?? "";
  const here = `/admin/channels/${ch.id}${qs({ status, cursor: c.req.query("cursor") })}`;
  const res = await api<{ data: Event[]; next_cursor: string | null }>(
    c,
    "GET",
    `/v1/channels/${encodeURIComponent(ch.id)}/events${qs({ status, limit: 50, cursor: c.req.query("cursor") })}`,
  );
  const tabs = html`<nav class="tabs" aria-label="Deliveries by status">${STATUSES.map(
    (s) => html`<a href="${withQuery(c, { status: s || null })}"${s === status ? html` aria-current="page"` : html``}>${s || "all"}</a>`,
  )}</nav>`;
  if (!res.ok) return html`${tabs}${err(problemText(res.problem))}`;
  if (!res.data.data.length) return html`${tabs}<p>No ${status} deliveries.</p>`;
  return html`${tabs}<table><thead><tr><th scope="col">Received</th><th scope="col">Topic</th><th scope="col">Status</th><th scope="col">Outcome or error</th>
<th scope="col">Order</th><th scope="col" class="num">Attempts</th><th scope="col">Action</th></tr></thead>
<tbody>${res.data.data.map(
    (e) => html`<tr><td>${when(e.received_at)}</td><td><a href="/admin/channels/${ch.id}/events/${e.id}">${e.topic}</a><br /><span class="muted">${e.delivery_id}</span></td>
<td>${badge(e.status)}</td><td>${e.error ?? e.outcome ?? "—"}</td>
<td>${e.order_id ? html`<a href="/admin/orders/${e.order_id}">${e.external_id ?? e.order_id}</a>` : "—"}</td><td class="num">${e.attempts}</td>
<td>${e.status === "processed" ? "" : postButton(c, `/admin/channels/${ch.id}/events/${e.id}/replay`, "Replay", { back: here })}</td></tr>`,
  )}</tbody></table>${nextLink(c, res.data.next_cursor)}`;
}

export async function stock(c: Context<DashEnv>, ch: Channel) {
  const outOfSync = c.req.query("stock") === "out_of_sync";
  const cursor = c.req.query("stock_cursor");
  const res = await api<{ data: Listing[]; next_cursor: string | null }>(
    c,
    "GET",
    `/v1/channels/${encodeURIComponent(ch.id)}/stock${qs({ out_of_sync: outOfSync ? "true" : null, limit: 50, cursor })}`,
  );
  const filter = html`<nav class="tabs" aria-label="Listings">
<a href="${withQuery(c, { stock: null, stock_cursor: null })}"${outOfSync ? html`` : html` aria-current="page"`}>all listings</a>
<a href="${withQuery(c, { stock: "out_of_sync", stock_cursor: null })}"${outOfSync ? html` aria-current="page"` : html``}>out of sync</a></nav>`;
  const reconcile = html`<p>${postButton(c, `/admin/channels/${ch.id}/reconcile`, "Send the full stock picture again (reconcile)")}
<span class="muted">Every SKU the channel sells gets its current figure, in the background.</span></p>`;
  if (!res.ok) return html`${filter}${err(problemText(res.problem))}${reconcile}`;
  const more = res.data.next_cursor ? html`<p class="pager"><a href="${withQuery(c, { stock_cursor: res.data.next_cursor })}" rel="next">More listings →</a></p>` : html``;
  return html`${filter}${
    res.data.data.length
      ? html`<table><thead><tr><th scope="col">Channel SKU</th><th scope="col">Our SKU</th><th scope="col" class="num">Newest figure</th>
<th scope="col" class="num">Channel has</th><th scope="col">Last taken</th><th scope="col">State</th></tr></thead>
<tbody>${res.data.data.map(
          (l) => html`<tr><td>${l.external_sku}</td><td>${l.sku}</td><td class="num">${l.available}</td><td class="num">${l.sent_available ?? "—"}</td>
<td>${when(l.sent_at)}</td><td>${l.in_sync ? badge("in sync") : html`<span class="badge warn">out of sync</span>`}</td></tr>`,
        )}</tbody></table>${more}`
      : html`<p>No ${outOfSync ? "listings out of sync" : "stock figures sent yet"}.</p>`
  }${reconcile}`;
}
