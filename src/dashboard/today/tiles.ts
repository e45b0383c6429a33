// The tiles of the Today screen: each one counts a list through the API and links to the same list in the dashboard,
// with the filter names the list screens take (the orders screen uses GET /v1/orders' own query names).
import type { Context } from "hono";
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { canOpen } from "../../staff/roles";
import { api } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { money } from "../shell/html";
import { listPage, listPages, qs, shown, type Listed } from "./counts";

export interface Tile {
  label: string;
  href: string;
  value: string;
  note?: string | HtmlEscapedString | Promise<HtmlEscapedString>;
}

type OrderRow = { total: number; currency: string; status: string; hold: { kind: string; reason: string | null } | null };

const ORDERS_PAGE = 200;
const PAGE = 50;

/** A tile whose list the API refused shows why, instead of a number that is not true. */
const fromList = (label: string, href: string, list: Listed<unknown>, note?: string): Tile =>
  list.ok ? { label, href, value: shown(list.rows.length, list.more), note } : { label, href, value: "—", note: list.why };

export const startOfTodayUtc = (now = Date.now()) => now - (now % 86_400_000);

const sumByCurrency = (rows: OrderRow[]) => {
  const sums = new Map<string, number>();
  for (const o of rows) if (o.status !== "cancelled") sums.set(o.currency, (sums.get(o.currency) ?? 0) + o.total);
  return [...sums].sort((a, b) => b[1] - a[1]);
};

async function ordersToday(c: Context<DashEnv>): Promise<Tile[]> {
  const from = startOfTodayUtc();
  const href = `/admin/orders${qs({ created_from: from })}`;
  const list = await listPage<OrderRow>(c, `/v1/orders${qs({ created_from: from, limit: ORDERS_PAGE })}`);
  if (!list.ok) return [fromList("Orders today", href, list)];
  let revenue = sumByCurrency(list.rows);
  let note = "placed since 00:00 UTC, cancelled excluded";
  if (list.more) {
    // More orders than one page: the day's revenue comes from the analytics rollup (kept every minute) instead.
    const day = new Date(from).toISOString().slice(0, 10);
    const rollup = await api<{ data: { currency: string; revenue: number }[] }>(c, "GET", `/v1/analytics/orders${qs({ from: day, to: day })}`);
    if (rollup.ok) {
      const sums = new Map<string, number>();
      for (const r of rollup.data.data) sums.set(r.currency, (sums.get(r.currency) ?? 0) + r.revenue);
      revenue = [...sums].sort((a, b) => b[1] - a[1]);
      note = "from the analytics rollup (a minute behind)";
    }
  }
  return [
    { label: "Orders today", href, value: shown(list.rows.length, list.more), note: "placed since 00:00 UTC" },
    { label: "Revenue today", href, value: revenue.length ? revenue.map(([cur, v]) => money(v, cur)).join(" + ") : money(0), note },
  ];
}

async function ordersTiles(c: Context<DashEnv>): Promise<Tile[]> {
  const toFulfil = { status: "open", payment_status: "paid", fulfillment_status: "unfulfilled" };
  const [today, fulfil, held, authorized] = await Promise.all([
    ordersToday(c),
    listPage(c, `/v1/orders${qs({ ...toFulfil, limit: PAGE })}`),
    listPage<OrderRow>(c, `/v1/orders${qs({ status: "on_hold", limit: ORDERS_PAGE })}`),
    listPage(c, `/v1/orders${qs({ payment_status: "authorized", limit: PAGE })}`),
  ]);
  const heldTile = fromList("On hold", `/admin/orders${qs({ status: "on_hold" })}`, held);
  if (held.ok && held.rows.length) {
    const byKind = new Map<string, number>();
    for (const o of held.rows) byKind.set(o.hold?.kind ?? "other", (byKind.get(o.hold?.kind ?? "other") ?? 0) + 1);
    heldTile.note = html`<span class="holds">${[...byKind]
      .sort((a, b) => b[1] - a[1])
      .map(([kind, n], i) => html`${i ? " · " : ""}${kind.replaceAll("_", " ")}: ${shown(n, held.more)}`)}</span>`;
  }
  return [
    ...today,
    fromList("To fulfil", `/admin/orders${qs(toFulfil)}`, fulfil, "paid, nothing shipped yet"),
    heldTile,
    fromList("Authorized, not captured", `/admin/orders${qs({ payment_status: "authorized" })}`, authorized),
  ];
}

/** Where a warehouse user works: their own locations; everyone else sees all of them as one figure. */
const placesOf = (c: Context<DashEnv>): (string | null)[] => c.get("staff").locations ?? [null];

async function fulfillmentTile(c: Context<DashEnv>): Promise<Tile[]> {
  return Promise.all(
    placesOf(c).map(async (loc) => {
      const list = await listPage(c, `/v1/fulfillments${qs({ status: "pending", location_id: loc, limit: PAGE })}`);
      return fromList("Shipments to pick", loc ? `/admin/fulfillment/${encodeURIComponent(loc)}` : "/admin/fulfillment", list, loc ? `at ${loc}` : "all locations");
    }),
  );
}

async function lowStockTile(c: Context<DashEnv>): Promise<Tile> {
  const places = placesOf(c);
  const list = await listPages(c, places.map((loc) => `/v1/inventory/levels${qs({ low_stock: "true", location_id: loc, limit: PAGE })}`));
  const only = places.length === 1 ? places[0] : null;
  return fromList("Low stock", `/admin/inventory${qs({ low: 1, location_id: only })}`, list, "SKUs at or below their threshold");
}

async function returnsTile(c: Context<DashEnv>): Promise<Tile> {
  const list = await listPage<{ location_id: string | null }>(c, `/v1/returns${qs({ status: "requested", limit: 100 })}`);
  const mine = c.get("staff").locations;
  // The returns list has no location filter: a warehouse user counts the requested returns coming to its locations.
  const seen: Listed<unknown> = list.ok && mine ? { ...list, rows: list.rows.filter((r) => r.location_id && mine.includes(r.location_id)) } : list;
  return fromList("Returns waiting", `/admin/returns${qs({ status: "requested" })}`, seen, "asked for, not yet approved");
}

async function deadLettersTile(c: Context<DashEnv>): Promise<Tile> {
  const list = await listPage(c, `/v1/dead-letters${qs({ open: "true", limit: PAGE })}`);
  return fromList("Dead letters", "/admin/dead-letters", list, "jobs that failed every retry");
}

async function channelErrorsTile(c: Context<DashEnv>): Promise<Tile> {
  const channels = await listPage<{ id: string }>(c, "/v1/channels?limit=200");
  if (!channels.ok) return fromList("Channel sync errors", "/admin/channels", channels);
  const lists = await Promise.all(
    channels.rows.flatMap((ch) => [
      listPage(c, `/v1/channels/${encodeURIComponent(ch.id)}/events${qs({ status: "failed", limit: PAGE })}`),
      listPage(c, `/v1/channels/${encodeURIComponent(ch.id)}/stock-updates${qs({ status: "failed", limit: PAGE })}`),
    ]),
  );
  const refused = lists.find((l) => !l.ok);
  if (refused) return fromList("Channel sync errors", "/admin/channels", refused);
  const ok = lists as { ok: true; rows: unknown[]; more: boolean }[];
  const n = ok.reduce((t, l) => t + l.rows.length, 0);
  return { label: "Channel sync errors", href: "/admin/channels", value: shown(n, ok.some((l) => l.more)), note: "failed deliveries and stock updates" };
}

/** The tiles this staff member's screens have, in the order of the day's work. */
export async function tilesFor(c: Context<DashEnv>): Promise<Tile[]> {
  const role = c.get("staff").role;
  const parts: Promise<Tile | Tile[]>[] = [];
  if (canOpen(role, "orders")) parts.push(ordersTiles(c));
  if (canOpen(role, "fulfillment")) parts.push(fulfillmentTile(c));
  if (canOpen(role, "returns")) parts.push(returnsTile(c));
  if (canOpen(role, "inventory")) parts.push(lowStockTile(c));
  if (canOpen(role, "dead-letters")) parts.push(deadLettersTile(c));
  if (canOpen(role, "channels")) parts.push(channelErrorsTile(c));
  return (await Promise.all(parts)).flat();
}
