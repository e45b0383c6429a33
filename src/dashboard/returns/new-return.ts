// Recording a return for an order (staff: approved at once): what each line can still return and, when nothing, why,
// from GET /v1/orders/{id}/returnable; the return itself through POST /v1/orders/{id}/returns.
import { Hono } from "hono";
import { html } from "hono/html";
import { RETURN_REASONS } from "../../domain/return";
import type { ReturnableView } from "../../returns/schemas";
import { api, problemText } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { setFlash } from "../shell/flash";
import { answer, readForm } from "../shell/form";
import { screen } from "../shell/guard";
import { formGuard, when } from "../shell/html";
import { forbiddenPage, page } from "../shell/layout";
import { decides, locationsById, REASON_TEXT, type ReturnView } from "./view";

export const newReturnRoutes = new Hono<DashEnv>();

const WHY_NOT: Record<string, string> = {
  not_shipped: "Not shipped yet",
  already_returned: "Already returned",
  final_sale: "Final sale",
  window_over: "Return window over",
};
/** Past these the policy says no, but staff may accept the units anyway (override_policy). */
const OVERRIDABLE = ["final_sale", "window_over"];

newReturnRoutes.get("/orders/:id/returns/new", screen("returns"), async (c) => {
  if (!decides(c)) return forbiddenPage(c);
  const id = c.req.param("id");
  const [res, locations] = await Promise.all([api<ReturnableView>(c, "GET", `/v1/orders/${encodeURIComponent(id)}/returnable`), locationsById(c)]);
  if (!res.ok)
    return page(c, { title: "New return", screen: "returns", status: res.status === 404 ? 404 : 502, body: html`<h1>New return</h1><p class="flash error" role="alert">${problemText(res.problem)}</p>` });
  const r = res.data;
  const body = html`<p><a href="/admin/orders/${r.order_id}">← Order #${r.order_number}</a></p><h1>New return for order #${r.order_number}</h1>
<form method="post" action="/admin/orders/${r.order_id}/returns/new">${formGuard(c)}
<table><thead><tr><th>SKU</th><th>Item</th><th class="num">Ordered</th><th class="num">Shipped</th><th class="num">In returns</th><th class="num">Returnable</th><th>Why not</th><th>Window ends</th><th>Return</th></tr></thead>
<tbody>${r.lines.map((l) => {
    const most = l.returnable > 0 ? l.returnable : OVERRIDABLE.includes(l.why_not ?? "") ? l.shipped - l.claimed : 0;
    return html`<tr><td>${l.sku}</td><td>${l.title}</td><td class="num">${l.ordered}</td><td class="num">${l.shipped}</td><td class="num">${l.claimed}</td><td class="num">${l.returnable}</td>
    <td>${l.why_not ? WHY_NOT[l.why_not] ?? l.why_not : ""}${l.returnable === 0 && most > 0 ? html` <span class="muted">(only with “accept past the policy”)</span>` : html``}</td><td>${when(l.window_ends_at)}</td>
    <td>${
      most > 0
        ? html`<label>Units (${l.sku})<input type="number" name="qty_${l.order_line_id}" min="0" max="${most}" value="0" /></label>
      <label>Reason (${l.sku})<select name="reason_${l.order_line_id}">${RETURN_REASONS.map((x) => html`<option value="${x}">${REASON_TEXT[x]}</option>`)}</select></label>
      <label>Note (${l.sku})<input name="note_${l.order_line_id}" maxlength="1000" /></label>`
        : html`<span class="muted">—</span>`
    }</td></tr>`;
  })}</tbody></table>
<div class="row">
  <label>Comes back to<select name="location_id"><option value="">The location that shipped it</option>${[...locations.values()]
    .filter((l) => l.active)
    .map((l) => html`<option value="${l.id}">${l.name} (${l.code})</option>`)}</select></label>
  <label>Note<input name="note" maxlength="2000" /></label>
  <label><span><input type="checkbox" name="override_policy" value="1" /> Accept past the return window or final sale</span></label>
  <button type="submit" class="primary">Record return</button>
</div></form>`;
  return page(c, { title: `New return · #${r.order_number}`, screen: "returns", body });
});

newReturnRoutes.post("/orders/:id/returns/new", screen("returns"), async (c) => {
  if (!decides(c)) return forbiddenPage(c);
  const id = c.req.param("id");
  const back = `/admin/orders/${id}/returns/new`;
  const form = await readForm(c);
  // The order's lines as the API knows them name the fields to read (qty_<order line id>, reason_…, note_…).
  const known = await api<ReturnableView>(c, "GET", `/v1/orders/${encodeURIComponent(id)}/returnable`);
  if (!known.ok) return answer(c, known, back, "");
  const lines = [];
  for (const { order_line_id: lineId } of known.data.lines) {
    const quantity = Math.floor(Number(form.one(`qty_${lineId}`) || 0));
    if (!(quantity > 0)) continue;
    const note = form.one(`note_${lineId}`);
    lines.push({ order_line_id: lineId, quantity, reason: form.one(`reason_${lineId}`), ...(note ? { note } : {}) });
  }
  if (!lines.length) {
    setFlash(c, { kind: "error", text: "Enter how many units of a line come back." });
    return c.redirect(back, 303);
  }
  const body: Record<string, unknown> = { lines };
  if (form.one("note")) body.note = form.one("note");
  if (form.one("location_id")) body.location_id = form.one("location_id");
  if (form.one("override_policy")) body.override_policy = true;
  const res = await api<ReturnView>(c, "POST", `/v1/orders/${encodeURIComponent(id)}/returns`, { body, idempotencyKey: form.idem });
  return answer(c, res, res.ok ? `/admin/returns/${res.data.id}` : back, (r) => `Return ${r.rma} recorded and approved.`);
});
