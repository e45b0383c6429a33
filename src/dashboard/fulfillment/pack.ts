// Scan-to-pack at the bench: a scanner types a barcode (GTIN/UPC/EAN) or a SKU and Enter into the focused field; each scan is recorded by the
// packing API (src/packing), which refuses and counts a wrong item or a surplus unit. Once every unit is in, the parcel
// form opens; then the shipment is handed to the carrier.
import { Hono } from "hono";
import { html } from "hono/html";
import { api, apiResponse, problemText } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { screen } from "../shell/guard";
import { badge, formGuard } from "../shell/html";
import { page } from "../shell/layout";
import { answer, readForm } from "../shell/form";
import { setFlash } from "../shell/flash";
import { atOwnLocation } from "./access";
import { orderLink } from "./locations";
import { moveShipment, shipmentOf } from "./moves";

interface Tally {
  lines: { sku: string; expected: number; scanned: number }[];
  complete: boolean;
  wrong_items: number;
  surplus: number;
}

export const packRoutes = new Hono<DashEnv>();

const benchOf = (loc: string, id: string) => `/admin/fulfillment/${loc}/pack/${encodeURIComponent(id)}`;
const tallyOf = (c: Parameters<typeof shipmentOf>[0], id: string) => api<Tally>(c, "GET", `/v1/fulfillments/${encodeURIComponent(id)}/scans`);

/** The shipment if it belongs to this location; a shipment of elsewhere is answered as not found here. */
async function shipmentHere(c: Parameters<typeof shipmentOf>[0], loc: string, id: string) {
  const res = await shipmentOf(c, id);
  return res.ok && res.data.location_id === loc ? res.data : null;
}

const notHere = (c: Parameters<typeof shipmentOf>[0]) =>
  page(c, { title: "No such shipment", screen: "fulfillment", status: 404, body: html`<h1>No such shipment</h1><p>This location has no shipment with that id.</p>` });

const num = (label: string, name: string, max: number, value: number | undefined, disabled: boolean) =>
  html`<label>${label}<input type="number" name="${name}" min="1" max="${max}" step="1" required${value ? html` value="${value}"` : html``}${disabled ? html` disabled` : html``} /></label>`;

packRoutes.get("/fulfillment/:locationId/pack/:id", screen("fulfillment"), atOwnLocation, async (c) => {
  const loc = c.req.param("locationId");
  const f = await shipmentHere(c, loc, c.req.param("id"));
  if (!f) return notHere(c);
  const tally = await tallyOf(c, f.id);
  const t: Tally = tally.ok ? tally.data : { lines: [], complete: false, wrong_items: 0, surplus: 0 };
  const bench = benchOf(loc, f.id);
  const scanning = f.status === "pending" || f.status === "picking";
  const closed = !scanning || !t.complete;
  return page(c, {
    title: `Pack ${f.id}`,
    screen: "fulfillment",
    body: html`<h1>Pack ${f.id} ${badge(f.status)}</h1>
      <p><a href="/admin/fulfillment/${loc}?status=${f.status}">← Back to the queue</a> · order ${orderLink(c, f.order_id)}
        ${f.carrier ? html` · label: ${f.carrier} ${f.service ?? ""} <a href="${bench}/label">shipping label (PDF)</a>` : html` · no shipping label yet`}</p>
      ${scanning
        ? html`<form method="post" action="${bench}/scan" class="row">${formGuard(c)}
            <label>Scan a barcode or SKU<input type="text" name="code" autocomplete="off" autofocus data-scan required maxlength="100" /></label>
            <button type="submit">Record scan</button></form>`
        : html``}
      <table>
        <caption class="muted" style="text-align:left">Units in this shipment</caption>
        <thead><tr><th scope="col">SKU</th><th scope="col" class="num">Expected</th><th scope="col" class="num">Scanned</th><th scope="col">State</th></tr></thead>
        <tbody>${t.lines.map(
          (l) => html`<tr><td>${l.sku}</td><td class="num">${l.expected}</td><td class="num">${l.scanned}</td><td>${l.scanned >= l.expected ? html`<span class="badge good">complete</span>` : html`<span class="badge wait">${l.expected - l.scanned} to scan</span>`}</td></tr>`,
        )}</tbody>
      </table>
      <p>Refused scans: <strong>${t.wrong_items}</strong> wrong item${t.wrong_items === 1 ? "" : "s"}, <strong>${t.surplus}</strong> surplus unit${t.surplus === 1 ? "" : "s"}.</p>
      <div class="grid2">
        <section class="panel" aria-labelledby="parcel"><h2 id="parcel">Parcel</h2>
          ${f.parcel ? html`<p>Packed: ${f.parcel.weight_grams} g, ${f.parcel.length_cm} × ${f.parcel.width_cm} × ${f.parcel.height_cm} cm.</p>` : html``}
          ${scanning
            ? html`<form method="post" action="${bench}/pack" class="row">${formGuard(c)}
                <fieldset${closed ? html` disabled` : html``} style="border:0;padding:0;display:flex;gap:8px;flex-wrap:wrap;align-items:end">
                  <legend class="muted">${t.complete ? "Every unit is scanned: weigh and measure the parcel." : "Scan every unit first; the parcel form opens then."}</legend>
                  ${num("Weight (g)", "weight_grams", 70000, undefined, closed)}${num("Length (cm)", "length_cm", 300, undefined, closed)}
                  ${num("Width (cm)", "width_cm", 300, undefined, closed)}${num("Height (cm)", "height_cm", 300, undefined, closed)}
                  <button type="submit" class="primary"${closed ? html` disabled` : html``}>Pack the parcel</button>
                </fieldset></form>`
            : html``}
        </section>
        <section class="panel" aria-labelledby="ship"><h2 id="ship">Ship</h2>
          ${f.status === "packed"
            ? html`<form method="post" action="${bench}/ship" class="row">${formGuard(c)}
                <label>Carrier<input type="text" name="carrier" value="${f.carrier ?? ""}" maxlength="100" /></label>
                <label>Service<input type="text" name="service" value="${f.service ?? ""}" maxlength="100" /></label>
                <label>Tracking number<input type="text" name="tracking_number" value="${f.tracking_number ?? ""}" required maxlength="100" /></label>
                <button type="submit" class="primary">Hand to the carrier</button></form>`
            : f.status === "shipped" || f.status === "delivered"
              ? html`<p>Shipped with ${f.carrier} ${f.service}, tracking ${f.tracking_url ? html`<a href="${f.tracking_url}">${f.tracking_number}</a>` : f.tracking_number}.</p>`
              : html`<p class="muted">Pack the parcel first.</p>`}
        </section>
      </div>`,
  });
});

packRoutes.post("/fulfillment/:locationId/pack/:id/scan", screen("fulfillment"), atOwnLocation, async (c) => {
  const loc = c.req.param("locationId");
  const id = c.req.param("id");
  const bench = benchOf(loc, id);
  if (!(await shipmentHere(c, loc, id))) return notHere(c);
  const form = await readForm(c);
  const res = await api<{ scan: { accepted: boolean; message: string } }>(c, "POST", `/v1/fulfillments/${encodeURIComponent(id)}/scans`, {
    body: { code: form.one("code") },
    idempotencyKey: form.idem,
  });
  // A refused scan is a recorded scan (201): its message is the packer's alert, not a notice.
  if (res.ok) setFlash(c, { kind: res.data.scan.accepted ? "notice" : "error", text: res.data.scan.message });
  else setFlash(c, { kind: "error", text: problemText(res.problem) });
  return c.redirect(bench, 303);
});

packRoutes.post("/fulfillment/:locationId/pack/:id/pack", screen("fulfillment"), atOwnLocation, async (c) => {
  const loc = c.req.param("locationId");
  const id = c.req.param("id");
  const bench = benchOf(loc, id);
  if (!(await shipmentHere(c, loc, id))) return notHere(c);
  const form = await readForm(c);
  // The form opens only once every unit is scanned; a post made without (an old tab, a hand-made request) is refused.
  const tally = await tallyOf(c, id);
  if (!tally.ok || !tally.data.complete) {
    setFlash(c, { kind: "error", text: "Scan every unit of the shipment before packing the parcel." });
    return c.redirect(bench, 303);
  }
  const int = (k: string) => (/^\d+$/.test(form.one(k)) ? Number(form.one(k)) : form.one(k));
  const parcel = { weight_grams: int("weight_grams"), length_cm: int("length_cm"), width_cm: int("width_cm"), height_cm: int("height_cm") };
  return answer(c, await moveShipment(c, id, "pack", parcel, form.idem), bench, "Parcel packed. Hand it to the carrier next.");
});

packRoutes.post("/fulfillment/:locationId/pack/:id/ship", screen("fulfillment"), atOwnLocation, async (c) => {
  const loc = c.req.param("locationId");
  const id = c.req.param("id");
  const bench = benchOf(loc, id);
  if (!(await shipmentHere(c, loc, id))) return notHere(c);
  const form = await readForm(c);
  const body: Record<string, string> = { tracking_number: form.one("tracking_number") };
  if (form.one("carrier")) body.carrier = form.one("carrier");
  if (form.one("service")) body.service = form.one("service");
  return answer(c, await moveShipment(c, id, "ship", body, form.idem), bench, (f) => `Shipped with ${f.carrier}, tracking ${f.tracking_number}.`);
});

packRoutes.get("/fulfillment/:locationId/pack/:id/label", screen("fulfillment"), atOwnLocation, async (c) => {
  const loc = c.req.param("locationId");
  const id = c.req.param("id");
  if (!(await shipmentHere(c, loc, id))) return notHere(c);
  return apiResponse(c, "GET", `/v1/fulfillments/${encodeURIComponent(id)}/label`, { accept: "application/pdf" });
});
