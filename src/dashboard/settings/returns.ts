// The return policy shoppers are held to. Staff creating a return may override it; shoppers never can.
import { Hono } from "hono";
import { html } from "hono/html";
import { api } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { answer, readForm } from "../shell/form";
import { screen } from "../shell/guard";
import { formGuard } from "../shell/html";
import { page } from "../shell/layout";
import { checked, crumbs, num, readFailed } from "./view";

export const returnPolicyRoutes = new Hono<DashEnv>();

const REASONS = ["size_too_small", "size_too_large", "not_as_described", "defective", "wrong_item", "changed_mind", "other"];

returnPolicyRoutes.get("/settings/returns", screen("settings"), async (c) => {
  const res = await api<any>(c, "GET", "/v1/settings/returns");
  const p = res.ok ? res.data : null;
  const body = html`${crumbs}<h1>Return policy</h1>${readFailed(res)}
${
  p
    ? html`<form method="post" action="/admin/settings/returns">${formGuard(c)}
<div class="grid2"><div>
<label>Return window, days from delivery <input type="number" name="window_days" min="0" max="3650" value="${p.window_days}" /></label>
<label>Other windows per channel (one "channel id = days" a line) <textarea name="channel_window_days" rows="3">${Object.entries(p.channel_window_days)
        .map(([ch, d]) => `${ch} = ${d}`)
        .join("\n")}</textarea></label>
<label>Restocking fee, percent <input type="number" name="restocking_fee_percent" min="0" max="100" step="0.1" value="${p.restocking_fee_percent}" /></label>
<label>Return shipping fee, minor units (495 = 4.95) <input type="number" name="return_shipping_fee" min="0" value="${p.return_shipping_fee}" /></label>
<label style="flex-direction:row;gap:4px"><input type="checkbox" name="advance_exchange" value="on"${checked(p.advance_exchange)} /> Ship exchanges at approval, before the return arrives</label>
</div><div>
<label>Final-sale SKUs, never returnable (one a line) <textarea name="final_sale_skus" rows="5">${p.final_sale_skus.join("\n")}</textarea></label>
<fieldset><legend>Approve at once when every line's reason is</legend>${REASONS.map(
        (r) => html`<label style="flex-direction:row;gap:4px"><input type="checkbox" name="auto_approve_reasons" value="${r}"${checked(p.auto_approve_reasons.includes(r))} /> ${r.replaceAll("_", " ")}</label>`,
      )}</fieldset></div></div>
<p><button type="submit" class="primary">Save return policy</button> <span class="muted">Version ${p.version}; applies to the next request.</span></p></form>`
    : html``
}`;
  return page(c, { title: "Return policy", screen: "settings", body });
});

returnPolicyRoutes.post("/settings/returns", screen("settings"), async (c) => {
  const f = await readForm(c);
  const lines = (name: string) => f.one(name).split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
  const body = {
    window_days: num(f.one("window_days")),
    channel_window_days: Object.fromEntries(lines("channel_window_days").map((l) => l.split("=").map((s) => s.trim())).map(([ch, d]) => [ch, num(d ?? "")])),
    final_sale_skus: lines("final_sale_skus"),
    restocking_fee_percent: num(f.one("restocking_fee_percent")),
    return_shipping_fee: num(f.one("return_shipping_fee")),
    auto_approve_reasons: f.all("auto_approve_reasons"),
    advance_exchange: f.one("advance_exchange") === "on",
  };
  return answer(c, await api(c, "PUT", "/v1/settings/returns", { body, idempotencyKey: f.idem }), "/admin/settings/returns", "Return policy saved.");
});
