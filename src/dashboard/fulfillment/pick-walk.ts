// The picker's walk through one pick list: lines in bin walk order, each into its tote, confirmed one by one through
// the API (POST /v1/pick-lists/{id}/picks): picked, short (fewer units), or not found. A short line holds the order
// (reason short_pick) and raises a count task for the cell; the screen says so.
import { Hono } from "hono";
import { html } from "hono/html";
import { api, problemText } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { screen } from "../shell/guard";
import { badge, formGuard } from "../shell/html";
import { page } from "../shell/layout";
import { readForm } from "../shell/form";
import { setFlash } from "../shell/flash";
import { atOwnLocation } from "./access";
import { placeName, placesOf } from "./locations";

interface PickList {
  id: string;
  location_id: string;
  status: "open" | "done";
  shipments: { fulfillment_id: string; order_number: number; tote: number; shipping_speed: string | null; status: string }[];
  lines: {
    fulfillment_line_id: string;
    fulfillment_id: string;
    tote: number;
    sku: string;
    title: string | null;
    bin: string | null;
    quantity: number;
    picked: number | null;
    short: number | null;
    outcome: string | null;
  }[];
}

export const pickWalkRoutes = new Hono<DashEnv>();

const walkOf = (loc: string, id: string) => `/admin/fulfillment/${loc}/pick-lists/${encodeURIComponent(id)}`;

pickWalkRoutes.get("/fulfillment/:locationId/pick-lists/:id", screen("fulfillment"), atOwnLocation, async (c) => {
  const loc = c.req.param("locationId");
  const [places, res] = await Promise.all([placesOf(c), api<PickList>(c, "GET", `/v1/pick-lists/${encodeURIComponent(c.req.param("id"))}`)]);
  // A pick list of another location is not found here, whatever the URL says.
  if (!res.ok || res.data.location_id !== loc)
    return page(c, { title: "No such pick list", screen: "fulfillment", status: 404, body: html`<h1>No such pick list</h1><p>This location has no pick list with that id.</p>` });
  const list = res.data;
  const walk = walkOf(loc, list.id);
  const base = `/admin/fulfillment/${loc}`;
  const left = list.lines.filter((l) => !l.outcome).length;
  return page(c, {
    title: `Pick list ${list.id}`,
    screen: "fulfillment",
    body: html`<h1>Pick list ${list.id} ${badge(list.status)}</h1>
      <p><a href="${base}">← Back to the queue</a> · ${placeName(places, loc)} · ${left ? `${left} line${left === 1 ? "" : "s"} to pick` : "every line confirmed"}</p>
      <h2>Totes</h2>
      <ul aria-label="Totes">${list.shipments.map(
        (s) => html`<li>Tote ${s.tote}: ${s.fulfillment_id} · order #${s.order_number}${s.shipping_speed === "express" ? " · express" : ""} · ${s.status} ·
          <a href="${base}/pack/${encodeURIComponent(s.fulfillment_id)}">scan and pack</a></li>`,
      )}</ul>
      <h2>Walk</h2>
      <table>
        <thead><tr><th scope="col">Bin</th><th scope="col">SKU</th><th scope="col">Item</th><th scope="col" class="num">Quantity</th><th scope="col">Tote</th><th scope="col">Picked</th></tr></thead>
        <tbody>${list.lines.map(
          (l) => html`<tr>
            <td>${l.bin ?? "—"}</td><td>${l.sku}</td><td>${l.title ?? "—"}</td><td class="num">${l.quantity}</td><td>Tote ${l.tote}</td>
            <td>${l.outcome
              ? l.outcome === "picked"
                ? html`${badge("picked")} ${l.picked}`
                : html`${badge(l.outcome)} ${l.picked} of ${l.quantity}, ${l.short} short`
              : html`<form method="post" action="${walk}/picks" class="row">${formGuard(c)}
                  <input type="hidden" name="fulfillment_line_id" value="${l.fulfillment_line_id}" />
                  <label>Units picked of ${l.sku} into tote ${l.tote}<input type="number" name="quantity" min="0" max="${l.quantity}" step="1" value="${l.quantity}" /></label>
                  <button type="submit" name="outcome" value="picked" class="primary">Picked</button>
                  <button type="submit" name="outcome" value="short">Short</button>
                  <button type="submit" name="outcome" value="not_found" class="danger">Not found</button>
                </form>`}</td>
          </tr>`,
        )}</tbody>
      </table>`,
  });
});

pickWalkRoutes.post("/fulfillment/:locationId/pick-lists/:id/picks", screen("fulfillment"), atOwnLocation, async (c) => {
  const loc = c.req.param("locationId");
  const id = c.req.param("id");
  const form = await readForm(c);
  const outcome = (["picked", "short", "not_found"] as const).find((o) => o === form.one("outcome")) ?? "picked";
  const quantity = form.one("quantity") === "" ? undefined : Number(form.one("quantity"));
  const body = {
    fulfillment_line_id: form.one("fulfillment_line_id"),
    outcome,
    // The number field is for a short pick: "picked" means every unit, "not found" none.
    ...(outcome === "short" && quantity !== undefined && Number.isInteger(quantity) ? { quantity } : {}),
  };
  const res = await api<{ pick: { sku: string; tote: number; picked: number; short: number; order_on_hold: boolean; count_task_id: string | null } }>(
    c,
    "POST",
    `/v1/pick-lists/${encodeURIComponent(id)}/picks`,
    { body, idempotencyKey: form.idem },
  );
  if (!res.ok) setFlash(c, { kind: "error", text: problemText(res.problem) });
  else {
    const p = res.data.pick;
    const text = p.short
      ? `Short: ${p.picked} × ${p.sku} into tote ${p.tote}, ${p.short} not found. ${p.order_on_hold ? "The order is on hold (short_pick)" : "The order was already on hold"}; the bin is to be counted.`
      : `${p.picked} × ${p.sku} into tote ${p.tote}.`;
    setFlash(c, { kind: "notice", text });
  }
  return c.redirect(walkOf(loc, id), 303);
});
