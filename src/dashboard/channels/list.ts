// The channels list: each channel with its state and what is wrong with it right now (failed deliveries, stock figures
// the channel has not taken), counted from the API's lists ("50+" when a page is full).
import type { Context } from "hono";
import { html } from "hono/html";
import { api, problemText } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { badge, nextLink } from "../shell/html";
import { listPage, qs, shown } from "../today/counts";
import type { z } from "@hono/zod-openapi";
import type { Channel as ChannelSchema } from "../../channels/schemas";

export type Channel = z.infer<typeof ChannelSchema>;

const count = async (c: Context<DashEnv>, path: string) => {
  const l = await listPage(c, path);
  return l.ok ? shown(l.rows.length, l.more) : "—";
};

/** Failed deliveries, listings out of sync and failed stock updates of one channel. */
export async function troubleOf(c: Context<DashEnv>, id: string) {
  const base = `/v1/channels/${encodeURIComponent(id)}`;
  const [failed, outOfSync, stockFailed] = await Promise.all([
    count(c, `${base}/events${qs({ status: "failed", limit: 50 })}`),
    count(c, `${base}/stock${qs({ out_of_sync: "true", limit: 50 })}`),
    count(c, `${base}/stock-updates${qs({ status: "failed", limit: 50 })}`),
  ]);
  return { failed, outOfSync, stockFailed };
}

export async function channelsList(c: Context<DashEnv>) {
  const res = await api<{ data: Channel[]; next_cursor: string | null }>(c, "GET", `/v1/channels${qs({ limit: 50, cursor: c.req.query("cursor") })}`);
  if (!res.ok) return html`<p class="flash error" role="alert">${problemText(res.problem)}</p>`;
  if (!res.data.data.length) return html`<p>No sales channels yet. They are created through the API (POST /v1/channels).</p>`;
  const rows = await Promise.all(res.data.data.map(async (ch) => ({ ch, t: await troubleOf(c, ch.id) })));
  return html`<table><thead><tr><th scope="col">Channel</th><th scope="col">Kind</th><th scope="col">State</th>
<th scope="col" class="num">Failed deliveries</th><th scope="col" class="num">Listings out of sync</th><th scope="col" class="num">Failed stock updates</th><th scope="col">Stock sync</th></tr></thead>
<tbody>${rows.map(
    ({ ch, t }) => html`<tr><td><a href="/admin/channels/${ch.id}">${ch.name}</a> <span class="muted">${ch.code}</span></td><td>${ch.kind}</td>
<td>${badge(ch.active ? "active" : "disabled")}</td>
<td class="num"><a href="/admin/channels/${ch.id}?status=failed">${t.failed}</a></td><td class="num">${t.outOfSync}</td><td class="num">${t.stockFailed}</td>
<td>${ch.inventory_url ? "sends stock" : html`<span class="muted">no inventory URL</span>`}</td></tr>`,
  )}</tbody></table>${nextLink(c, res.data.next_cursor)}`;
}
