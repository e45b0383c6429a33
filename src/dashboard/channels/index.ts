// Channels: the shops and marketplaces that push orders to us and take our stock figures; their failures and replay.
import { Hono } from "hono";
import { html } from "hono/html";
import { api, problemText } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { answer, readForm, safeBack } from "../shell/form";
import { screen } from "../shell/guard";
import { badge, postButton, when } from "../shell/html";
import { page } from "../shell/layout";
import { events, setup, stock } from "./detail";
import { channelsList, type Channel } from "./list";

export const channelsRoutes = new Hono<DashEnv>();

const notFound = (c: Parameters<typeof page>[0], text: string, status: 403 | 404 | 400 = 404) =>
  page(c, { title: "Channel", screen: "channels", status, body: html`<h1>Channel</h1><p class="flash error" role="alert">${text}</p><p><a href="/admin/channels">All channels</a></p>` });

channelsRoutes.get("/channels", screen("channels"), async (c) =>
  page(c, { title: "Channels", screen: "channels", body: html`<h1>Channels</h1><div data-refresh="30">${await channelsList(c)}</div>` }),
);

channelsRoutes.get("/channels/:id", screen("channels"), async (c) => {
  const res = await api<Channel>(c, "GET", `/v1/channels/${encodeURIComponent(c.req.param("id"))}`);
  if (!res.ok) return notFound(c, problemText(res.problem), res.status === 403 ? 403 : 404);
  const ch = res.data;
  const [ev, st] = await Promise.all([events(c, ch), stock(c, ch)]);
  return page(c, {
    title: ch.name,
    screen: "channels",
    body: html`<p><a href="/admin/channels">← Channels</a></p><h1>${ch.name}</h1>${setup(ch)}
<section aria-labelledby="ev-h"><h2 id="ev-h">Deliveries</h2><div data-refresh="30">${ev}</div></section>
<section aria-labelledby="st-h"><h2 id="st-h">Stock sync</h2>${st}</section>`,
  });
});

channelsRoutes.get("/channels/:id/events/:eventId", screen("channels"), async (c) => {
  const { id, eventId } = c.req.param();
  const res = await api(c, "GET", `/v1/channels/${encodeURIComponent(id)}/events/${encodeURIComponent(eventId)}`);
  if (!res.ok) return notFound(c, problemText(res.problem), res.status === 403 ? 403 : 404);
  const e = res.data as { id: string; topic: string; status: string; error: string | null; outcome: string | null; attempts: number; received_at: number; headers: Record<string, string>; payload: string };
  let body = e.payload;
  try {
    body = JSON.stringify(JSON.parse(e.payload), null, 2);
  } catch {
    // Not JSON (that may be why it failed): shown exactly as it came.
  }
  return page(c, {
    title: `Delivery ${e.id}`,
    screen: "channels",
    body: html`<p><a href="/admin/channels/${id}">← The channel</a></p><h1>${e.topic} ${badge(e.status)}</h1>
<p>Received ${when(e.received_at)} · ${e.attempts} attempt(s) · ${e.error ?? e.outcome ?? ""}</p>
${e.status === "processed" ? "" : html`<p>${postButton(c, `/admin/channels/${id}/events/${e.id}/replay`, "Replay this delivery", { back: `/admin/channels/${id}/events/${e.id}` })}</p>`}
<h2>Headers</h2><table><tbody>${Object.entries(e.headers).map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>`)}</tbody></table>
<h2>Payload, as the channel sent it</h2><pre class="panel" style="overflow:auto">${body}</pre>`,
  });
});

channelsRoutes.post("/channels/:id/events/:eventId/replay", screen("channels"), async (c) => {
  const { id, eventId } = c.req.param();
  const form = await readForm(c);
  const res = await api(c, "POST", `/v1/channels/${encodeURIComponent(id)}/events/${encodeURIComponent(eventId)}/replay`, { idempotencyKey: form.idem });
  return answer(c, res, safeBack(form.one("back"), `/admin/channels/${id}`), "Delivery queued again; it is processed in a moment.");
});

channelsRoutes.post("/channels/:id/reconcile", screen("channels"), async (c) => {
  const id = c.req.param("id");
  const form = await readForm(c);
  const res = await api<{ reconcile_id: string }>(c, "POST", `/v1/channels/${encodeURIComponent(id)}/stock/reconcile`, { idempotencyKey: form.idem });
  return answer(c, res, `/admin/channels/${id}`, (d) => `Reconcile ${d.reconcile_id} queued: every listing gets its current figure again.`);
});
