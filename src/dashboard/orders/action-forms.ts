// The actions the API offers on an order, as forms. Each carries the version the page showed, so acting on a page
// someone else has changed since is refused (order_changed) instead of silently overruling them.
import type { Context } from "hono";
import { html } from "hono/html";
import type { OrderDetailView } from "../../orders/schemas";
import type { DashEnv } from "../shell/env";
import { formGuard } from "../shell/html";

const HOLD_KINDS = ["manual", "fraud_review", "address_verification", "payment_review"];
const REFUND_KINDS = ["goodwill", "price_adjustment", "shipping"];
const refundable = new Set(["paid", "partially_paid", "partially_refunded"]);

/** The API edits an order until any of it is packed or shipped; an unfulfilled open order is the usual case. */
export const editable = (o: OrderDetailView) => o.status !== "cancelled" && o.status !== "completed" && o.fulfillment_status === "unfulfilled";

export function actionForms(c: Context<DashEnv>, o: OrderDetailView) {
  const at = (what: string) => `/admin/orders/${encodeURIComponent(o.id)}/${what}`;
  const guard = html`${formGuard(c)}<input type="hidden" name="version" value="${o.version}" />`;
  const live = o.status !== "cancelled" && o.status !== "completed";
  const toCapture = o.payment_status === "authorized" || o.payment_status === "partially_paid";
  return html`<section class="panel" aria-labelledby="actions"><h2 id="actions">Actions</h2>
${o.status === "on_hold"
    ? html`<form method="post" action="${at("release")}" class="row">${guard}<label>Note (what the review found) <input name="note" maxlength="500" size="30" /></label>
<button type="submit" class="primary">Release hold</button></form>`
    : live
      ? html`<form method="post" action="${at("hold")}" class="row">${guard}<label>Hold kind <select name="kind">${HOLD_KINDS.map(
          (k) => html`<option value="${k}">${k.replaceAll("_", " ")}</option>`,
        )}</select></label><label>Hold reason <input name="reason" maxlength="500" size="30" /></label><button type="submit">Put on hold</button></form>`
      : html``}
${toCapture
    ? html`<form method="post" action="${at("capture")}" class="row">${guard}<label>Provider reference <input name="reference" required maxlength="200" /></label>
<label>Amount (${o.currency}, blank: all that is left) <input name="amount" inputmode="decimal" size="10" /></label><button type="submit">Record capture</button></form>
<form method="post" action="${at("void")}" class="row">${guard}<label>Void reason <input name="reason" maxlength="500" /></label>
<button type="submit" class="danger">Void authorization and cancel</button></form>`
    : html``}
${refundable.has(o.payment_status)
    ? html`<form method="post" action="${at("refund")}" class="row">${guard}<label>Refund kind <select name="kind">${REFUND_KINDS.map(
        (k) => html`<option value="${k}">${k.replaceAll("_", " ")}</option>`,
      )}</select></label><label>Amount (${o.currency}; shipping: blank for all of it) <input name="amount" inputmode="decimal" size="10" /></label>
<label>Refund reason <input name="reason" maxlength="200" /></label><button type="submit">Refund</button></form>`
    : html``}
${editable(o)
    ? html`<form method="post" action="${at("add-line")}" class="row">${guard}<label>Add SKU <input name="sku" required maxlength="64" size="14" /></label>
<label>Units <input name="quantity" type="number" min="1" value="1" size="4" /></label><button type="submit">Add line</button></form>`
    : html``}
<form method="post" action="${at("tags")}" class="row">${guard}<label>Tag <input name="tag" required maxlength="40" size="14" /></label>
<button type="submit" name="change" value="add">Add tag</button></form>
${o.tags.length
    ? html`<p>Tags: ${o.tags.map(
        (t) => html`<form method="post" action="${at("tags")}" class="inline">${guard}<input type="hidden" name="tag" value="${t}" />
<button type="submit" name="change" value="remove" aria-label="Remove tag ${t}">${t} ✕</button></form> `,
      )}</p>`
    : html``}
<form method="post" action="${at("notes")}" class="row">${guard}<label>Internal note (staff only) <textarea name="body" required maxlength="5000" rows="2" cols="40"></textarea></label>
<button type="submit">Add note</button></form>
${live
    ? html`<form method="post" action="${at("cancel")}" class="row">${guard}<label>Cancellation reason <input name="reason" required maxlength="500" size="30" /></label>
<button type="submit" class="danger">Cancel the whole order</button></form>`
    : html``}
</section>`;
}
