// Every SKU at every location the staff member works at, with its figures, read from the levels API (the read model,
// seconds fresh at worst). The low-stock filter is the merchant's: available at or below the safety stock (or the
// cell's own low-stock threshold), or at or below a threshold given in the URL.
import { Hono } from "hono";
import { html } from "hono/html";
import { api, problemText } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { mayWorkAt, screen } from "../shell/guard";
import { nextLink } from "../shell/html";
import { forbiddenPage, page } from "../shell/layout";
import { placeName, placesOf } from "../fulfillment/locations";
import type { z } from "@hono/zod-openapi";
import type { Level as LevelSchema } from "../../inventory/schemas";

/** A level as GET /v1/inventory/levels answers it. */
export type Level = z.infer<typeof LevelSchema>;

const PAGE = 50;
// Low-stock rows are picked out of the API's pages here (its own low_stock filter knows only the cell's threshold);
// reading a bounded number of pages keeps one screen cheap, and the next link carries on where the reading stopped.
const MAX_PAGES_READ = 10;

const isLow = (l: Level, threshold: number | null) =>
  threshold != null ? l.available <= threshold : l.available <= l.safety_stock || (l.low_stock_threshold != null && l.available <= l.low_stock_threshold);

export const levelsRoutes = new Hono<DashEnv>();

levelsRoutes.get("/inventory", screen("inventory"), async (c) => {
  const staff = c.get("staff");
  const places = await placesOf(c);
  const asked = c.req.query("location_id") ?? "";
  if (asked && !mayWorkAt(staff, asked)) return forbiddenPage(c);
  // A warehouse user sees one of their own locations at a time (the levels API filters by one location).
  const location = asked || (staff.locations ? (places[0]?.id ?? staff.locations[0] ?? "") : "");
  const low = c.req.query("low") === "1";
  const raw = c.req.query("threshold") ?? "";
  const threshold = /^\d{1,9}$/.test(raw) ? Number(raw) : null;
  const filtering = low || threshold != null;

  const rows: Level[] = [];
  let cursor: string | null = c.req.query("cursor") ?? null;
  let problem: string | null = null;
  for (let read = 0; read < (filtering ? MAX_PAGES_READ : 1); read++) {
    const q = new URLSearchParams({ limit: String(PAGE) });
    if (location) q.set("location_id", location);
    if (cursor) q.set("cursor", cursor);
    const res = await api<{ data: Level[]; next_cursor: string | null }>(c, "GET", `/v1/inventory/levels?${q}`);
    if (!res.ok) {
      problem = problemText(res.problem);
      cursor = null;
      break;
    }
    rows.push(...(filtering ? res.data.data.filter((l) => isLow(l, threshold)) : res.data.data));
    cursor = res.data.next_cursor;
    if (!cursor || rows.length >= PAGE / 2) break;
  }
  const cellLink = (l: Level) => `/admin/inventory/${encodeURIComponent(l.location_id)}/${encodeURIComponent(l.sku)}`;
  return page(c, {
    title: "Inventory",
    screen: "inventory",
    body: html`<h1>Inventory</h1>
      <form method="get" action="/admin/inventory" class="row">
        <label>Location<select name="location_id">
          ${staff.locations ? html`` : html`<option value="">Every location</option>`}
          ${places.map((p) => html`<option value="${p.id}"${p.id === location ? html` selected` : html``}>${p.name} (${p.code})</option>`)}
        </select></label>
        <label><span>Low stock only</span><input type="checkbox" name="low" value="1"${low ? html` checked` : html``} /></label>
        <label>Or available at most<input type="number" name="threshold" min="0" step="1" value="${threshold ?? ""}" /></label>
        <button type="submit">Show</button>
        ${filtering || asked ? html`<a href="/admin/inventory">Clear filters</a>` : html``}
      </form>
      ${filtering
        ? html`<p class="muted">Low stock: available ${threshold != null ? `at most ${threshold}` : "at or below the safety stock (or the cell's low-stock threshold)"}.</p>`
        : html``}
      ${problem ? html`<p class="flash error" role="alert">${problem}</p>` : html``}
      <table>
        <thead><tr><th scope="col">SKU</th><th scope="col">Location</th><th scope="col" class="num">On hand</th><th scope="col" class="num">Held</th><th scope="col" class="num">Committed</th><th scope="col" class="num">Available</th><th scope="col" class="num">Safety stock</th><th scope="col" class="num">Damaged</th></tr></thead>
        <tbody>${rows.length
          ? rows.map(
              (l) => html`<tr><td><a href="${cellLink(l)}">${l.sku}</a></td><td>${placeName(places, l.location_id)}</td><td class="num">${l.on_hand}</td><td class="num">${l.held}</td><td class="num">${l.committed}</td>
                <td class="num">${isLow(l, threshold) ? html`<span class="badge warn">${l.available} low</span>` : l.available}</td><td class="num">${l.safety_stock}</td><td class="num">${l.damaged}</td></tr>`,
            )
          : html`<tr><td colspan="8" class="muted">${cursor ? "Nothing low on these pages; look further with the next page." : "No stock levels match."}</td></tr>`}</tbody>
      </table>
      ${nextLink(c, cursor)}`,
  });
});
