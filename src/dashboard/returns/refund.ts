// Refunding a return: the calculation first (POST /v1/returns/{id}/calculate writes nothing), shown in full, and only
// a confirmation posts the same request to /process, so what the staff member read is what is refunded.
import { Hono, type Context } from "hono";
import { html } from "hono/html";
import type { RefundPreviewView, RefundView } from "../../refunds/schemas";
import { api, problemText } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { answer, readForm } from "../shell/form";
import { screen } from "../shell/guard";
import { formGuard, money } from "../shell/html";
import { forbiddenPage, page } from "../shell/layout";
import { decides, loadReturn, REASON_TEXT, received, type ReturnView } from "./view";

export const refundRoutes = new Hono<DashEnv>();

const digitsOf = (currency: string) => new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** The API request the fields ask for (the same from the query of the preview and the confirmation's form). */
function requestOf(ret: ReturnView, currency: string, field: (name: string) => string) {
  const body: Record<string, unknown> = {};
  const lines = ret.lines
    .map((l) => ({ return_line_id: l.id, quantity: Math.floor(Number(field(`q_${l.id}`) || 0)) }))
    .filter((l) => l.quantity > 0);
  if (lines.length) body.lines = lines;
  if (field("refund_shipping")) body.refund_shipping = true;
  const credit = field("store_credit");
  if (credit) {
    const minor = Math.round(Number(credit.replace(",", ".")) * 10 ** digitsOf(currency));
    if (!Number.isFinite(minor) || minor < 0) return { error: "Store credit must be an amount such as 5.00." };
    body.store_credit_amount = minor;
  }
  if (field("reason")) body.reason = field("reason");
  if (field("note")) body.note = field("note");
  return { body };
}

const FIELDS = (ret: ReturnView) => ["refund_shipping", "store_credit", "reason", "note", ...ret.lines.map((l) => `q_${l.id}`)];

async function load(c: Context<DashEnv>) {
  const found = await loadReturn(c, c.req.param("id")!);
  if (!found.ok) return found;
  const order = await api<{ currency: string }>(c, "GET", `/v1/orders/${found.data.order_id}`);
  if (!order.ok) return order;
  return { ok: true as const, ret: found.data, currency: order.data.currency };
}

const preview = (p: RefundPreviewView) => html`<table><caption>The calculation</caption>
<thead><tr><th>SKU</th><th>Reason</th><th class="num">Units</th><th class="num">Paid</th><th class="num">Restocking fee</th></tr></thead>
<tbody>${p.lines.map(
  (l) => html`<tr><td>${l.sku}</td><td>${REASON_TEXT[l.reason] ?? l.reason}</td><td class="num">${l.quantity}</td><td class="num">${money(l.amount, p.currency)}</td><td class="num">${money(l.restocking_fee, p.currency)}</td></tr>`,
)}</tbody></table>
<table class="panel"><tbody>
<tr><th>Items</th><td class="num">${money(p.items_amount, p.currency)}</td></tr>
<tr><th>Tax</th><td class="num">${money(p.tax_amount, p.currency)}</td></tr>
<tr><th>Shipping</th><td class="num">${money(p.shipping_amount, p.currency)}</td></tr>
<tr><th>Fees kept (restocking ${money(p.restocking_fee, p.currency)}, return shipping ${money(p.return_shipping_fee, p.currency)})</th><td class="num">−${money(p.fee_amount, p.currency)}</td></tr>
<tr><th>Total refund</th><td class="num"><strong>${money(p.total, p.currency)}</strong></td></tr>
<tr><th>To the original payment</th><td class="num">${money(p.original_amount, p.currency)}</td></tr>
<tr><th>As store credit</th><td class="num">${money(p.store_credit_amount, p.currency)}</td></tr>
<tr><th>Still refundable on the order</th><td class="num">${money(p.max_refundable, p.currency)}</td></tr>
</tbody></table>${p.within_captured ? html`` : html`<p class="flash error" role="alert">This is more than was captured and not yet refunded: it cannot be processed.</p>`}`;

refundRoutes.get("/returns/:id/refund", screen("returns"), async (c) => {
  if (!decides(c)) return forbiddenPage(c);
  const loaded = await load(c);
  if (!loaded.ok) return page(c, { title: "Refund", screen: "returns", status: 404, body: html`<h1>Refund</h1><p class="flash error" role="alert">${problemText(loaded.problem)}</p>` });
  const { ret, currency } = loaded;
  const asked = requestOf(ret, currency, (k) => c.req.query(k)?.trim() ?? "");
  const calc = asked.body ? await api<RefundPreviewView>(c, "POST", `/v1/returns/${ret.id}/calculate`, { body: asked.body }) : null;
  const q = (k: string) => c.req.query(k) ?? "";
  const body = html`<p><a href="/admin/returns/${ret.id}">← Return ${ret.rma}</a></p><h1>Refund return ${ret.rma}</h1>
<form method="get" action="/admin/returns/${ret.id}/refund">
  <table><caption>Units to refund (leave blank: every unit received and not refunded yet; units in inspection only when named)</caption>
  <thead><tr><th>SKU</th><th class="num">Received</th><th class="num">Refunded</th><th>Refund now</th></tr></thead><tbody>${ret.lines.map(
    (l) => html`<tr><td>${l.sku}</td><td class="num">${received(l)}</td><td class="num">${l.refunded}</td>
      <td><label>Units (${l.sku})<input type="number" name="q_${l.id}" min="0" max="${l.quantity}" value="${q(`q_${l.id}`)}" /></label></td></tr>`,
  )}</tbody></table>
  <div class="row">
    <label><span><input type="checkbox" name="refund_shipping" value="1"${q("refund_shipping") ? html` checked` : html``} /> Refund the shipping not refunded yet</span></label>
    <label>Store credit (${currency}, of the total)<input name="store_credit" inputmode="decimal" value="${q("store_credit")}" placeholder="0.00" /></label>
    <label>Reason<input name="reason" maxlength="200" value="${q("reason")}" /></label>
    <label>Note<input name="note" maxlength="2000" value="${q("note")}" /></label>
    <button type="submit">Calculate refund</button>
  </div>
</form>
${asked.error ? html`<p class="flash error" role="alert">${asked.error}</p>` : html``}
${
    calc && !calc.ok
      ? html`<p class="flash error" role="alert">${problemText(calc.problem)}</p>`
      : calc && calc.ok
        ? html`${calc.data.total === 0 ? html`` : preview(calc.data)}${
            calc.data.total === 0
              ? html`<p class="muted">Nothing is left to refund on this return: no unit received and not refunded yet (name units held for inspection above).</p>`
              : calc.data.within_captured
              ? html`<form method="post" action="/admin/returns/${ret.id}/refund">${formGuard(c)}${FIELDS(ret)
                  .filter((k) => q(k))
                  .map((k) => html`<input type="hidden" name="${k}" value="${q(k)}" />`)}
<p><button type="submit" class="primary">Refund ${money(calc.data.total, calc.data.currency)} now</button></p></form>`
              : html``
          }`
        : html``
  }`;
  return page(c, { title: `Refund ${ret.rma}`, screen: "returns", body });
});

refundRoutes.post("/returns/:id/refund", screen("returns"), async (c) => {
  if (!decides(c)) return forbiddenPage(c);
  const id = c.req.param("id");
  const form = await readForm(c);
  const loaded = await load(c);
  if (!loaded.ok) return answer(c, loaded, `/admin/returns/${id}`, "");
  const asked = requestOf(loaded.ret, loaded.currency, form.one);
  const res = asked.body
    ? await api<RefundView>(c, "POST", `/v1/returns/${encodeURIComponent(id)}/process`, { body: asked.body, idempotencyKey: form.idem })
    : { ok: false as const, status: 422, problem: { status: 422, code: "refund_not_possible", title: asked.error! } };
  return answer(c, res, `/admin/returns/${id}`, (f) => `Refunded ${money(f.total, f.currency)} (${f.status.replaceAll("_", " ")}).`);
});

refundRoutes.post("/returns/:id/refunds/:refundId/retry", screen("returns"), async (c) => {
  if (!decides(c)) return forbiddenPage(c);
  const form = await readForm(c);
  const to = form.one("to") === "store_credit" ? "store_credit" : "original";
  const res = await api<RefundView>(c, "POST", `/v1/refunds/${encodeURIComponent(c.req.param("refundId"))}/retry`, { body: { to }, idempotencyKey: form.idem });
  return answer(c, res, `/admin/returns/${c.req.param("id")}`, (f) =>
    to === "store_credit" ? `Given as store credit: ${money(f.store_credit_amount, f.currency)}.` : `Sent to the original payment again (${f.status.replaceAll("_", " ")}).`,
  );
});
