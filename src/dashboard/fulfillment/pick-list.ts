// The pick list of a batch (screen and PDF) before it starts, and "start picking": one pick list made through the API
// (POST /v1/locations/{id}/pick-lists), which claims the shipments into totes and moves them to picking; the picker then
// works it on its own screen (pick-walk.ts).
import { Hono } from "hono";
import { html } from "hono/html";
import type { DashEnv } from "../shell/env";
import { screen } from "../shell/guard";
import { formGuard } from "../shell/html";
import { page } from "../shell/layout";
import { readForm, safeBack } from "../shell/form";
import { setFlash } from "../shell/flash";
import { api, problemText } from "../shell/api";
import { atOwnLocation } from "./access";
import { batchIds, loadBatch } from "./batch";
import { placeName, placesOf } from "./locations";
import { renderer } from "../../documents/renderer";

export const pickListRoutes = new Hono<DashEnv>();

const idsQuery = (ids: string[]) => ids.map((id) => `ids=${encodeURIComponent(id)}`).join("&");

pickListRoutes.get("/fulfillment/:locationId/pick-list", screen("fulfillment"), atOwnLocation, async (c) => {
  const loc = c.req.param("locationId");
  const ids = batchIds(c.req.queries("ids") ?? []);
  const [places, batch] = await Promise.all([placesOf(c), loadBatch(c, loc, ids)]);
  const where = placeName(places, loc);
  if (c.req.query("format") === "pdf") {
    const pdf = await renderer(c.env).pickList({ location: where, shipmentIds: batch.shipments.map((s) => s.id), at: Date.now() }, batch.rows);
    return c.body(pdf.buffer.slice(pdf.byteOffset, pdf.byteOffset + pdf.byteLength) as ArrayBuffer, 200, { "content-type": "application/pdf", "content-disposition": `inline; filename="pick-list.pdf"` });
  }
  const number = new Map(batch.shipments.map((s, i) => [s.id, i + 1]));
  const pending = batch.shipments.filter((s) => s.status === "pending");
  const base = `/admin/fulfillment/${loc}`;
  return page(c, {
    title: `Pick list · ${where}`,
    screen: "fulfillment",
    body: html`<h1>Pick list · ${where}</h1>
      <p><a href="${base}">← Back to the queue</a> · <a href="${base}/pick-list?${idsQuery(ids)}&format=pdf">Pick list as PDF</a></p>
      ${batch.missing.length ? html`<p class="flash error" role="alert">Not in this location's queue, left out: ${batch.missing.join(", ")}</p>` : html``}
      ${batch.shipments.length === 0
        ? html`<p>No shipments chosen. Tick shipments in the queue first.</p>`
        : html`<p class="muted">${batch.rows.some((r) => r.bin)
              ? "In bin walk order; SKUs without a bin here come last, by SKU."
              : "Sorted by SKU: no bin or shelf field exists for these SKUs here yet (set bins under Inventory)."}</p>
            <table>
              <thead><tr><th scope="col">Bin</th><th scope="col">SKU</th><th scope="col">Item</th><th scope="col" class="num">Quantity</th><th scope="col">Into shipment</th></tr></thead>
              <tbody>${batch.rows.map(
                (r) => html`<tr><td>${r.bin ?? "—"}</td><td>${r.sku}</td><td>${r.title || "—"}</td><td class="num">${r.quantity}</td><td>${r.into.map((i) => `#${number.get(i.id)} × ${i.quantity}`).join(", ")}</td></tr>`,
              )}</tbody>
            </table>
            <h2>Shipments in this batch</h2>
            <ol>${batch.shipments.map((s) => html`<li>${s.id} · ${s.status} · <a href="${base}/pack/${s.id}">scan and pack</a></li>`)}</ol>
            ${pending.length
              ? html`<form method="post" action="${base}/pick-list/start">${formGuard(c)}
                  ${pending.map((s) => html`<input type="hidden" name="ids" value="${s.id}" />`)}
                  <button type="submit" class="primary">Start picking ${pending.length} pending shipment${pending.length === 1 ? "" : "s"}</button></form>`
              : html`<p class="muted">Every shipment of this batch is already past pending.</p>`}`}`,
  });
});

pickListRoutes.post("/fulfillment/:locationId/pick-list/start", screen("fulfillment"), atOwnLocation, async (c) => {
  const loc = c.req.param("locationId");
  const form = await readForm(c);
  const ids = batchIds(form.all("ids"));
  const { shipments, missing } = await loadBatch(c, loc, ids);
  const refused: string[] = missing.map((id) => `${id}: not a shipment of this location`);
  const pending = shipments.filter((s) => s.status === "pending");
  const made = pending.length
    ? await api<{ id: string; shipments: { fulfillment_id: string }[] }>(c, "POST", `/v1/locations/${encodeURIComponent(loc)}/pick-lists`, {
        body: { mode: pending.length === 1 ? "single" : "batch", max_shipments: pending.length, fulfillment_ids: pending.map((s) => s.id) },
        idempotencyKey: form.idem,
      })
    : null;
  if (made && !made.ok) refused.push(problemText(made.problem));
  const claimed = new Set(made?.ok ? made.data.shipments.map((s) => s.fulfillment_id) : []);
  for (const s of shipments) if (!claimed.has(s.id) && !(made && !made.ok)) refused.push(`${s.id}: ${s.status === "pending" ? "on another pick list" : `already ${s.status}`}`);
  const started = claimed.size;
  const text = `Picking started for ${started} of ${ids.length} shipment${ids.length === 1 ? "" : "s"}.${refused.length ? ` Refused: ${refused.join("; ")}` : ""}`;
  setFlash(c, { kind: refused.length ? "error" : "notice", text });
  if (made?.ok) return c.redirect(`/admin/fulfillment/${loc}/pick-lists/${encodeURIComponent(made.data.id)}`, 303);
  return c.redirect(safeBack(`/admin/fulfillment/${loc}/pick-list?${idsQuery(ids)}`), 303);
});
