// Fraud rules: each rule on or off with its weight, the threshold that holds an order, and each rule's own knobs.
import { Hono } from "hono";
import { html } from "hono/html";
import { api } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { answer, readForm } from "../shell/form";
import { screen } from "../shell/guard";
import { formGuard } from "../shell/html";
import { page } from "../shell/layout";
import { checked, codes, crumbs, num, readFailed } from "./view";

export const fraudRoutes = new Hono<DashEnv>();

const RULES: [string, string][] = [
  ["order_value", "Order value above a limit"],
  ["velocity", "Many orders in a short time"],
  ["ship_countries", "Shipping outside the allowed countries"],
  ["country_mismatch", "Billing and shipping countries differ"],
  ["block_list", "Email or address on the block list"],
];
const BY = ["email", "ip", "address"];

fraudRoutes.get("/settings/fraud", screen("settings"), async (c) => {
  const res = await api<any>(c, "GET", "/v1/fraud/rules");
  const r = res.ok ? res.data : null;
  const body = html`${crumbs}<h1>Fraud rules</h1>${readFailed(res)}
${
  r
    ? html`<form method="post" action="/admin/settings/fraud">${formGuard(c)}
<label>Hold an order for review at a risk score of <input type="number" name="threshold" min="1" max="1000" value="${r.threshold}" /></label>
<table><thead><tr><th>Rule</th><th>On</th><th>Weight (0–100)</th><th>Settings</th></tr></thead><tbody>${RULES.map(
        ([key, label]) => html`<tr><th scope="row">${label}</th>
<td><label><span class="skip">${label} on</span><input type="checkbox" name="${key}.enabled" value="on"${checked(r[key].enabled)} /></label></td>
<td><label><span class="skip">${label} weight</span><input type="number" name="${key}.weight" min="0" max="100" value="${r[key].weight}" /></label></td>
<td>${
          key === "order_value"
            ? html`<label>Limits, minor units per currency (EUR:50000, USD:60000)<input name="order_value.limits" value="${r.order_value.limits.map((l: any) => `${l.currency}:${l.amount}`).join(", ")}" /></label>`
            : key === "velocity"
              ? html`<label>At most orders<input type="number" name="velocity.max_orders" min="1" value="${r.velocity.max_orders}" /></label>
<label>Within minutes<input type="number" name="velocity.window_minutes" min="1" value="${r.velocity.window_minutes}" /></label>
<fieldset><legend>Counted per</legend>${BY.map((b) => html`<label style="flex-direction:row;gap:4px"><input type="checkbox" name="velocity.by" value="${b}"${checked(r.velocity.by.includes(b))} /> ${b}</label>`)}</fieldset>`
              : key === "ship_countries"
                ? html`<label>Allowed countries (DE, AT, FR)<input name="ship_countries.allowed" value="${r.ship_countries.allowed.join(", ")}" /></label>`
                : html``
        }</td></tr>`,
      )}</tbody></table>
<p><button type="submit" class="primary">Save fraud rules</button></p></form>`
    : html``
}`;
  return page(c, { title: "Fraud rules", screen: "settings", body });
});

fraudRoutes.post("/settings/fraud", screen("settings"), async (c) => {
  const f = await readForm(c);
  const rule = (key: string) => ({ enabled: f.one(`${key}.enabled`) === "on", weight: num(f.one(`${key}.weight`)) });
  const limits = codes(f.one("order_value.limits")).map((pair) => {
    const [currency, amount] = pair.split(":");
    return { currency, amount: num(amount ?? "") };
  });
  const body = {
    threshold: num(f.one("threshold")),
    order_value: { ...rule("order_value"), limits },
    velocity: { ...rule("velocity"), max_orders: num(f.one("velocity.max_orders")), window_minutes: num(f.one("velocity.window_minutes")), by: f.all("velocity.by") },
    ship_countries: { ...rule("ship_countries"), allowed: codes(f.one("ship_countries.allowed")) },
    country_mismatch: rule("country_mismatch"),
    block_list: rule("block_list"),
  };
  return answer(c, await api(c, "PUT", "/v1/fraud/rules", { body, idempotencyKey: f.idem }), "/admin/settings/fraud", "Fraud rules saved.");
});
