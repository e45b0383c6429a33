// Analytics: the daily rollups the cron keeps (GET /v1/analytics/*) as charts for the chosen period.
import { Hono } from "hono";
import { html } from "hono/html";
import { api, problemText, type ApiResult } from "../shell/api";
import { chart, daysFrom } from "../shell/chart";
import type { DashEnv } from "../shell/env";
import { screen } from "../shell/guard";
import { money } from "../shell/html";
import { page } from "../shell/layout";
import { PRESETS, periodOf, type Period } from "./period";

export const analyticsRoutes = new Hono<DashEnv>();

type OrdersDay = { day: string; currency: string; orders: number; revenue: number; cancellations: number };
type FulfillmentDay = { day: string; shipped: number; lead_time_p50_ms: number | null; lead_time_p90_ms: number | null; on_time_rate: number };
type ReturnsDay = { day: string | null; returned_units: number; shipped_units: number; return_rate: number | null };

const hours = (v: number) => `${v >= 10 ? Math.round(v) : Math.round(v * 10) / 10} h`;
const percent = (v: number) => `${Math.round(v * 10) / 10}%`;

const refused = (what: string, r: ApiResult<unknown>) =>
  r.ok ? null : html`<p class="flash error" role="alert">${what}: ${problemText(r.problem)}</p>`;

function periodPicker(p: Period) {
  return html`<nav class="tabs" aria-label="Period">${PRESETS.map(
    ([key, label]) => html`<a href="/admin/analytics?period=${key}"${p.preset === key ? html` aria-current="page"` : html``}>${label}</a>`,
  )}</nav>
<form method="get" action="/admin/analytics" class="row">
<label>From <input type="date" name="from" value="${p.from}" required /></label>
<label>To <input type="date" name="to" value="${p.to}" required /></label>
<button type="submit">Show these days</button></form>`;
}

analyticsRoutes.get("/analytics", screen("analytics"), async (c) => {
  const p = periodOf(c.req.query());
  const range = `from=${p.from}&to=${p.to}`;
  const [orders, fulfillment, returns] = await Promise.all([
    api<{ data: OrdersDay[] }>(c, "GET", `/v1/analytics/orders?${range}`),
    api<{ data: FulfillmentDay[] }>(c, "GET", `/v1/analytics/fulfillment?${range}`),
    api<{ data: ReturnsDay[] }>(c, "GET", `/v1/analytics/returns?${range}&group_by=day`),
  ]);
  const days = daysFrom(p.from, p.to);

  const volume = new Map<string, number>();
  const revenue = new Map<string, Map<string, number>>();
  for (const r of orders.ok ? orders.data.data : []) {
    volume.set(r.day, (volume.get(r.day) ?? 0) + r.orders);
    const m = revenue.get(r.currency) ?? new Map<string, number>();
    m.set(r.day, (m.get(r.day) ?? 0) + r.revenue);
    revenue.set(r.currency, m);
  }
  const currencies = [...revenue.keys()].sort();
  const shipped = new Map((fulfillment.ok ? fulfillment.data.data : []).map((r) => [r.day, r]));
  const returned = new Map((returns.ok ? returns.data.data : []).map((r) => [r.day, r]));

  // The period's totals: rates from the summed counts, not an average of daily rates.
  const totalOrders = [...volume.values()].reduce((a, b) => a + b, 0);
  const shipments = [...shipped.values()].reduce((a, r) => a + r.shipped, 0);
  const onTime = [...shipped.values()].reduce((a, r) => a + r.on_time_rate * r.shipped, 0);
  const retUnits = [...returned.values()].reduce((a, r) => a + r.returned_units, 0);
  const shipUnits = [...returned.values()].reduce((a, r) => a + r.shipped_units, 0);
  const summary = [
    ["Orders", String(totalOrders)],
    ["Revenue", currencies.map((cur) => money([...revenue.get(cur)!.values()].reduce((a, b) => a + b, 0), cur)).join(" + ") || money(0)],
    ["Shipments", String(shipments)],
    ["On time", shipments ? percent((onTime / shipments) * 100) : "—"],
    ["Return rate", shipUnits ? percent((retUnits / shipUnits) * 100) : "—"],
  ];

  return page(c, {
    title: "Analytics",
    screen: "analytics",
    body: html`<h1>Analytics</h1>
${periodPicker(p)}
<p class="muted">${p.from} to ${p.to} (UTC days). The rollups are kept every minute by the cron.</p>
${refused("Orders", orders)}${refused("Fulfillment", fulfillment)}${refused("Returns", returns)}
<section aria-labelledby="sum-h"><h2 id="sum-h">The period</h2>
<div class="tiles">${summary.map(([label, v]) => html`<div class="tile"><strong>${v}</strong> ${label}</div>`)}</div></section>
<section aria-labelledby="sales-h"><h2 id="sales-h">Sales</h2><div class="grid2">
${chart({ title: "Order volume per day", kind: "bar", labels: days, unit: "orders placed", series: [{ name: "Orders", values: days.map((d) => volume.get(d) ?? 0) }] })}
${chart({
  title: "Revenue per day",
  kind: "bar",
  labels: days,
  unit: currencies.join(", ") || "no orders",
  format: (v) => money(Math.round(v), currencies.length === 1 ? currencies[0] : undefined),
  series: currencies.map((cur) => ({ name: `Revenue ${cur}`, values: days.map((d) => revenue.get(cur)!.get(d) ?? 0) })),
})}
</div></section>
<section aria-labelledby="ful-h"><h2 id="ful-h">Fulfillment</h2><div class="grid2">
${chart({
  title: "Fulfillment lead time",
  kind: "line",
  labels: days,
  unit: "hours from order placed to shipped",
  format: hours,
  series: [
    { name: "Median", values: days.map((d) => (shipped.get(d)?.lead_time_p50_ms ?? null) === null ? null : shipped.get(d)!.lead_time_p50_ms! / 3_600_000) },
    { name: "90th percentile", values: days.map((d) => (shipped.get(d)?.lead_time_p90_ms ?? null) === null ? null : shipped.get(d)!.lead_time_p90_ms! / 3_600_000) },
  ],
})}
${chart({
  title: "On-time rate",
  kind: "line",
  labels: days,
  unit: "% of shipments that left by the promised day",
  format: percent,
  series: [{ name: "On time", values: days.map((d) => (shipped.get(d)?.shipped ? shipped.get(d)!.on_time_rate * 100 : null)) }],
})}
</div></section>
<section aria-labelledby="ret-h"><h2 id="ret-h">Returns</h2><div class="grid2">
${chart({
  title: "Return rate",
  kind: "line",
  labels: days,
  unit: "% of units shipped that day, returned",
  format: percent,
  series: [{ name: "Return rate", values: days.map((d) => (returned.get(d)?.return_rate == null ? null : returned.get(d)!.return_rate! * 100)) }],
})}
</div></section>`,
  });
});
