// GET /admin/orders/:id: one order as the desk works on it, read through GET /v1/orders/{id} and the order's
// invoices and credit notes.
import type { Context } from "hono";
import { html } from "hono/html";
import type { OrderDetailView } from "../../orders/schemas";
import { api, problemText } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { badge, money, when } from "../shell/html";
import { page } from "../shell/layout";
import { actionForms } from "./action-forms";
import { type Document, documentsList, fulfillmentsTable, linesTable, paymentsTable, riskPanel } from "./detail-sections";
import { channelNames, locationNames, nameOf } from "./lookups";
import { customerName } from "./people";
import { timeline } from "./timeline";

type Docs = { data: Document[] };

export async function detailPage(c: Context<DashEnv>) {
  const id = encodeURIComponent(c.req.param("id")!);
  const [order, invoices, creditNotes, locations, channels] = await Promise.all([
    api<OrderDetailView>(c, "GET", `/v1/orders/${id}`),
    api<Docs>(c, "GET", `/v1/invoices?order_id=${id}&limit=200`),
    api<Docs>(c, "GET", `/v1/credit-notes?order_id=${id}&limit=200`),
    locationNames(c),
    channelNames(c),
  ]);
  if (!order.ok)
    return page(c, {
      title: "Order not found",
      screen: "orders",
      status: order.status === 404 ? 404 : 400,
      body: html`<h1>Order not found</h1><p class="flash error" role="alert">${problemText(order.problem)}</p><p><a href="/admin/orders">All orders</a></p>`,
    });
  const o = order.data;
  const name = customerName(o);
  const body = html`<p><a href="/admin/orders">← Orders</a></p>
<h1>Order #${o.number} ${badge(o.status)} ${badge(o.payment_status)} ${badge(o.fulfillment_status)}${o.return_status !== "none" ? html` ${badge(o.return_status)}` : html``}</h1>
<p>${money(o.total, o.currency)} · placed ${when(o.created_at)} · ${nameOf(channels, o.channel_id)}${o.external_id ? html` (${o.external_id})` : html``} ·
${name ? html`${name} · ` : html``}<a href="mailto:${o.email}">${o.email}</a>${o.customer_id ? html` · <a href="/admin/customers/${encodeURIComponent(o.customer_id)}">customer</a>` : html``}
${o.ship_by ? html` · ship by ${when(o.ship_by)}` : html``}</p>
${o.hold ? html`<p class="flash error" role="status">On hold (${o.hold.kind.replaceAll("_", " ")})${o.hold.reason ? html`: ${o.hold.reason}` : html``}</p>` : html``}
${o.cancel_reason ? html`<p class="muted">Cancelled: ${o.cancel_reason}</p>` : html``}
${o.tags.length ? html`<p>${o.tags.map((t) => html`<span class="badge mute">${t}</span> `)}</p>` : html``}
<div class="grid2">${actionForms(c, o)}${riskPanel(o)}</div>
${linesTable(c, o, locations)}
${fulfillmentsTable(o, locations)}
${paymentsTable(o)}
${documentsList(o, invoices.ok ? invoices.data.data : null, creditNotes.ok ? creditNotes.data.data : null)}
${timeline(o, locations)}`;
  return page(c, { title: `Order #${o.number}`, screen: "orders", body });
}
