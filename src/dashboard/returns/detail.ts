// One return: what it is, its lines, its label and refunds, and the actions its state allows for the signed-in role.
import { Hono, type Context } from "hono";
import { html } from "hono/html";
import type { RefundView } from "../../refunds/schemas";
import { api, problemText } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { mayWorkAt, screen } from "../shell/guard";
import { badge, formGuard, money, postButton, when } from "../shell/html";
import { page } from "../shell/layout";
import { DECLINE_REASONS, decides, linesTable, loadReturn, locationsById, received, type LocationView, type ReturnView } from "./view";

export const detailRoutes = new Hono<DashEnv>();

const locationChoice = (c: Context<DashEnv>, locations: Map<string, LocationView>, chosen: string | null) => {
  const mine = [...locations.values()].filter((l) => l.active && mayWorkAt(c.get("staff"), l.id));
  return html`<label>Location<select name="location_id" required>${mine.some((l) => l.id === chosen) ? html`` : html`<option value="">Choose…</option>`}${mine.map(
    (l) => html`<option value="${l.id}"${l.id === chosen ? html` selected` : html``}>${l.name} (${l.code})</option>`,
  )}</select></label>`;
};

function receiveForm(c: Context<DashEnv>, ret: ReturnView, locations: Map<string, LocationView>) {
  const waiting = ret.lines.filter((l) => l.quantity - received(l) > 0);
  if (!waiting.length) return html`<p class="muted">Every unit of this return has been received.</p>`;
  return html`<form method="post" action="/admin/returns/${ret.id}/receive">${formGuard(c)}
  <div class="row">${locationChoice(c, locations, ret.location_id)}</div>
  <table><thead><tr><th>SKU</th><th class="num">Still to come</th><th>Restock</th><th>Damaged</th><th>Inspect</th></tr></thead><tbody>${waiting.map((l) => {
    const left = l.quantity - received(l);
    const field = (kind: string, label: string) =>
      html`<label>${label} (${l.sku})<input type="number" name="${kind}_${l.id}" min="0" max="${left}" value="0" inputmode="numeric" /></label>`;
    return html`<tr><td>${l.sku}</td><td class="num">${left}</td><td>${field("restock", "Restock")}</td><td>${field("damaged", "Damaged")}</td><td>${field("inspect", "Inspect")}</td></tr>`;
  })}</tbody></table>
  <div class="row"><label>Note<input name="note" maxlength="2000" /></label><button type="submit" class="primary">Receive units</button></div></form>`;
}

function inspectionForm(c: Context<DashEnv>, ret: ReturnView, locations: Map<string, LocationView>) {
  const held = ret.lines.filter((l) => l.inspecting > 0);
  if (!held.length) return html``;
  // A warehouse user names one of their locations; others may leave it to the API (where the last parcel arrived).
  const where = c.get("staff").locations ? locationChoice(c, locations, ret.location_id) : html``;
  return html`<h2>Inspection</h2><form method="post" action="/admin/returns/${ret.id}/inspection">${formGuard(c)}
  ${where ? html`<div class="row">${where}</div>` : html``}
  <table><thead><tr><th>SKU</th><th class="num">Held</th><th>Restock</th><th>Damaged</th></tr></thead><tbody>${held.map(
    (l) => html`<tr><td>${l.sku}</td><td class="num">${l.inspecting}</td>
      <td><label>Restock (${l.sku})<input type="number" name="restock_${l.id}" min="0" max="${l.inspecting}" value="0" /></label></td>
      <td><label>Damaged (${l.sku})<input type="number" name="damaged_${l.id}" min="0" max="${l.inspecting}" value="0" /></label></td></tr>`,
  )}</tbody></table>
  <div class="row"><label>Note<input name="note" maxlength="2000" /></label><button type="submit">Record inspection</button></div></form>`;
}

function decisionForms(c: Context<DashEnv>, ret: ReturnView) {
  // Decided against the version on screen: if someone changed the return meanwhile, the API says so (409 return_changed).
  const version = html`<input type="hidden" name="version" value="${ret.version}" />`;
  if (ret.status === "requested")
    return html`<div class="grid2">
  <form method="post" action="/admin/returns/${ret.id}/approve" class="panel">${formGuard(c)}${version}<h3>Approve</h3>
    <label>Note<input name="note" maxlength="2000" /></label><p><button type="submit" class="primary">Approve return</button></p></form>
  <form method="post" action="/admin/returns/${ret.id}/decline" class="panel">${formGuard(c)}${version}<h3>Decline</h3>
    <label>Reason<select name="reason" required>${DECLINE_REASONS.map(([v, t]) => html`<option value="${v}">${t}</option>`)}</select></label>
    <label>Note to the customer<textarea name="note" maxlength="2000" rows="2"></textarea></label><p><button type="submit" class="danger">Decline return</button></p></form></div>`;
  if (ret.status === "open")
    return html`<p>${postButton(c, `/admin/returns/${ret.id}/close`, "Close return (units not received count as missing)", { version: String(ret.version) })}
  ${postButton(c, `/admin/returns/${ret.id}/cancel`, "Cancel return", { version: String(ret.version) }, { danger: true })}</p>`;
  return html``;
}

/** A refund the provider refused waits for staff: send it again, or give it as store credit (POST /v1/refunds/{id}/retry). */
const settle = (c: Context<DashEnv>, f: RefundView) =>
  f.status === "refund_failed" && f.return_id
    ? html`<br />${postButton(c, `/admin/returns/${f.return_id}/refunds/${f.id}/retry`, "Send to the original payment again", { to: "original" })}
      ${postButton(c, `/admin/returns/${f.return_id}/refunds/${f.id}/retry`, "Give as store credit instead", { to: "store_credit" })}`
    : html``;

const refundsTable = (c: Context<DashEnv>, refunds: RefundView[]) =>
  refunds.length
    ? html`<table><thead><tr><th>Refund</th><th>Status</th><th class="num">Total</th><th class="num">To original payment</th><th class="num">Store credit</th><th>Reason</th><th>By</th><th>Created</th></tr></thead><tbody>${refunds.map(
        (f) => html`<tr><td>${f.id}</td><td>${badge(f.status)}${settle(c, f)}</td><td class="num">${money(f.total, f.currency)}</td><td class="num">${money(f.original_amount, f.currency)}</td>
          <td class="num">${money(f.store_credit_amount, f.currency)}</td><td>${f.reason ?? ""}</td><td>${f.actor}</td><td>${when(f.created_at)}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="muted">No refund yet.</p>`;

detailRoutes.get("/returns/:id", screen("returns"), async (c) => {
  const res = await loadReturn(c, c.req.param("id"));
  if (!res.ok) return page(c, { title: "Return", screen: "returns", status: res.status === 404 ? 404 : 502, body: html`<h1>Return</h1><p class="flash error" role="alert">${problemText(res.problem)}</p>` });
  const ret = res.data;
  const money_ = decides(c);
  const [locations, refunds] = await Promise.all([
    locationsById(c),
    money_ ? api<{ data: RefundView[] }>(c, "GET", `/v1/orders/${ret.order_id}/refunds`) : null,
  ]);
  const place = ret.location_id ? locations.get(ret.location_id) : undefined;
  const labelled = ret.status === "open" || ret.status === "closed";
  const body = html`<p><a href="/admin/returns">← Returns</a></p>
<h1>Return ${ret.rma} ${badge(ret.status)} ${badge(ret.refund_status)}</h1>
<div class="grid2"><dl class="panel">
  <dt>Order</dt><dd><a href="/admin/orders/${ret.order_id}">#${ret.order_number}</a></dd>
  <dt>Source</dt><dd>${ret.source}${ret.external_id ? html` (${ret.external_id})` : html``}</dd>
  <dt>Comes back to</dt><dd>${place ? `${place.name} (${place.code})` : (ret.location_id ?? "—")}</dd>
  <dt>Created</dt><dd>${when(ret.created_at)}</dd>
  ${ret.approved_at ? html`<dt>Approved</dt><dd>${when(ret.approved_at)}</dd>` : html``}
  ${ret.closed_at ? html`<dt>Closed</dt><dd>${when(ret.closed_at)}</dd>` : html``}
  ${ret.note ? html`<dt>Note</dt><dd>${ret.note}</dd>` : html``}
  ${ret.decline_reason ? html`<dt>Declined because</dt><dd>${ret.decline_reason.replaceAll("_", " ")}${ret.decline_note ? html` — ${ret.decline_note}` : html``}</dd>` : html``}
</dl>
<div class="panel"><h2>Label</h2>${
    labelled ? html`<p><a href="/admin/returns/${ret.id}/label">Download return label (PDF)</a></p>` : html`<p class="muted">A label is made once the return is approved.</p>`
  }</div></div>
<h2>Lines</h2>${linesTable(ret)}
${ret.status === "open" ? html`<h2>Receive</h2>${receiveForm(c, ret, locations)}${inspectionForm(c, ret, locations)}` : html``}
${
    money_
      ? html`${ret.status === "requested" || ret.status === "open" ? html`<h2>Decision</h2>${decisionForms(c, ret)}` : html``}
<h2>Refunds</h2>${refunds && refunds.ok ? refundsTable(c, refunds.data.data.filter((f) => f.return_id === ret.id)) : html`<p class="muted">Refunds could not be read.</p>`}
${labelled ? html`<p><a href="/admin/returns/${ret.id}/refund">Calculate refund…</a></p>` : html``}`
      : html``
  }`;
  return page(c, { title: `Return ${ret.rma}`, screen: "returns", body });
});
