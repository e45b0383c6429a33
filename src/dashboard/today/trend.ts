// The last 14 days of orders and revenue, from the daily analytics rollup (GET /v1/analytics/orders has one row per
// day, channel and currency; the cron keeps it, so today's bar is at most a minute or two behind the tiles).
import type { Context } from "hono";
import { html } from "hono/html";
import { api, problemText } from "../shell/api";
import { chart, daysFrom } from "../shell/chart";
import type { DashEnv } from "../shell/env";
import { money } from "../shell/html";
import { qs } from "./counts";

type Day = { day: string; currency: string; orders: number; revenue: number };

export async function lastTwoWeeks(c: Context<DashEnv>) {
  const to = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - 13 * 86_400_000).toISOString().slice(0, 10);
  const res = await api<{ data: Day[] }>(c, "GET", `/v1/analytics/orders${qs({ from, to })}`);
  if (!res.ok) return html`<p class="muted">The 14-day chart is not available: ${problemText(res.problem)}</p>`;
  const days = daysFrom(from, to);
  const orders = new Map<string, number>();
  const byCurrency = new Map<string, Map<string, number>>();
  for (const r of res.data.data) {
    orders.set(r.day, (orders.get(r.day) ?? 0) + r.orders);
    const m = byCurrency.get(r.currency) ?? new Map<string, number>();
    m.set(r.day, (m.get(r.day) ?? 0) + r.revenue);
    byCurrency.set(r.currency, m);
  }
  // Money in different currencies cannot be added up: one revenue series per currency.
  const currencies = [...byCurrency.keys()].sort();
  return html`<div class="grid2">
${chart({ title: "Orders per day, last 14 days", kind: "bar", labels: days, series: [{ name: "Orders", values: days.map((d) => orders.get(d) ?? 0) }] })}
${chart({
  title: "Revenue per day, last 14 days",
  kind: "bar",
  labels: days,
  unit: currencies.join(", ") || "no orders yet",
  format: (v) => money(Math.round(v), currencies.length === 1 ? currencies[0] : undefined),
  series: currencies.map((cur) => ({ name: `Revenue ${cur}`, values: days.map((d) => byCurrency.get(cur)!.get(d) ?? 0) })),
})}
</div>`;
}
