// The shipments of one location by state, newest first: what waits to be picked, what is being picked, what is packed
// and waits for the carrier, and what left. Pending and picking shipments can be chosen for a pick list.
import { Hono } from "hono";
import { html } from "hono/html";
import { api, problemText } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { screen } from "../shell/guard";
import { badge, nextLink, when } from "../shell/html";
import { page } from "../shell/layout";
import { atOwnLocation } from "./access";
import { orderLink, placeName, placesOf } from "./locations";
import type { Shipment } from "./moves";

export const QUEUE_STATES = ["pending", "picking", "packed", "shipped"] as const;

export const queueRoutes = new Hono<DashEnv>();

queueRoutes.get("/fulfillment", screen("fulfillment"), async (c) => {
  const places = await placesOf(c);
  return page(c, {
    title: "Fulfillment",
    screen: "fulfillment",
    body: html`<h1>Fulfillment</h1>
      <p>Choose the location you are packing for.</p>
      ${places.length
        ? html`<ul class="tiles" aria-label="Locations">
            ${places.map((p) => html`<li style="list-style:none"><a class="tile" href="/admin/fulfillment/${p.id}"><strong>${p.name}</strong>${p.code}${p.active ? "" : " · inactive"}</a></li>`)}
          </ul>`
        : html`<p class="muted">No location is assigned to you. Ask an owner to add one to your account.</p>`}`,
  });
});

queueRoutes.get("/fulfillment/:locationId", screen("fulfillment"), atOwnLocation, async (c) => {
  const loc = c.req.param("locationId");
  const status = (QUEUE_STATES as readonly string[]).includes(c.req.query("status") ?? "") ? c.req.query("status")! : "pending";
  const cursor = c.req.query("cursor");
  const q = new URLSearchParams({ location_id: loc, status, limit: "50" });
  if (cursor) q.set("cursor", cursor);
  const [places, list] = await Promise.all([placesOf(c), api<{ data: Shipment[]; next_cursor: string | null }>(c, "GET", `/v1/fulfillments?${q}`)]);
  const rows = list.ok ? list.data.data : [];
  const choosable = status === "pending" || status === "picking";
  const base = `/admin/fulfillment/${loc}`;
  return page(c, {
    title: `Fulfillment · ${placeName(places, loc)}`,
    screen: "fulfillment",
    body: html`<h1>Fulfillment · ${placeName(places, loc)}</h1>
      <nav class="tabs" aria-label="Shipment state">
        ${QUEUE_STATES.map((s) => html`<a href="${base}?status=${s}"${s === status ? html` aria-current="page"` : html``}>${s}</a>`)}
      </nav>
      ${list.ok ? html`` : html`<p class="flash error" role="alert">${problemText(list.problem)}</p>`}
      <form method="get" action="${base}/pick-list">
        <div data-refresh="10">
          <table>
            <caption class="muted" style="text-align:left">${rows.length} ${status} shipment${rows.length === 1 ? "" : "s"} on this page · refreshes every 10 s</caption>
            <thead><tr>${choosable ? html`<th scope="col">Pick</th>` : html``}<th scope="col">Shipment</th><th scope="col">Order</th><th scope="col">State</th><th scope="col">Created</th><th scope="col">Carrier</th><th scope="col">Action</th></tr></thead>
            <tbody>
              ${rows.length
                ? rows.map(
                    (f) => html`<tr>
                      ${choosable ? html`<td><label><span class="skip">Choose ${f.id}</span><input type="checkbox" name="ids" value="${f.id}" /></label></td>` : html``}
                      <td>${f.id}</td><td>${orderLink(c, f.order_id)}</td><td>${badge(f.status)}</td><td>${when(f.created_at)}</td>
                      <td>${f.carrier ? `${f.carrier} ${f.service ?? ""} ${f.tracking_number ?? ""}` : "—"}</td>
                      <td>${f.status === "shipped" ? html`—` : html`<a href="${base}/pack/${f.id}">${f.status === "packed" ? "Ship" : "Scan and pack"}</a>`}</td>
                    </tr>`,
                  )
                : html`<tr><td colspan="${choosable ? 7 : 6}" class="muted">No ${status} shipments.</td></tr>`}
            </tbody>
          </table>
        </div>
        ${choosable && rows.length ? html`<p><button type="submit" class="primary">Pick list for the chosen shipments</button></p>` : html``}
      </form>
      ${nextLink(c, list.ok ? list.data.next_cursor : null)}`,
  });
});
