// One SKU at one location: its live figures, its ledger page by page, and the floor's three movements (receive,
// adjust, count), each posted to POST /v1/inventory/movements. Support reads stock but never moves it: the forms are
// not drawn for a role without inventory:write, and a post made anyway gets the API's 403, shown as its message.
import { Hono } from "hono";
import { html } from "hono/html";
import { MOVEMENT_REASONS } from "../../inventory/schemas";
import { ROLE_SCOPES } from "../../staff/roles";
import { api, problemText } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { mayWorkAt, screen } from "../shell/guard";
import { formGuard, nextLink, when } from "../shell/html";
import { answer, readForm } from "../shell/form";
import { forbiddenPage, page } from "../shell/layout";
import { placeName, placesOf } from "../fulfillment/locations";
import type { Level } from "./levels";
import type { z } from "@hono/zod-openapi";
import type { LedgerEntry } from "../../inventory/schemas";

type Entry = z.infer<typeof LedgerEntry>;

const KINDS = ["receive", "adjust", "count"] as const;
type Kind = (typeof KINDS)[number];

export const cellRoutes = new Hono<DashEnv>();

// A warehouse user works only at their own locations: the API's scopes carry no location, so it is checked here.
const here = screen("inventory");
const cellPath = (loc: string, sku: string) => `/v1/locations/${encodeURIComponent(loc)}/inventory/${encodeURIComponent(sku)}`;
const signed = (n: number) => (n > 0 ? `+${n}` : n === 0 ? "0" : String(n));

const reasonSelect = (chosen: string) =>
  html`<label>Reason<select name="reason">${MOVEMENT_REASONS.map(
    (r) => html`<option value="${r}"${r === chosen ? html` selected` : html``}>${r.replaceAll("_", " ")}</option>`,
  )}</select></label>`;

cellRoutes.get("/inventory/:locationId/:sku", here, async (c) => {
  const { locationId: loc, sku } = c.req.param();
  if (!mayWorkAt(c.get("staff"), loc)) return forbiddenPage(c);
  const cursor = c.req.query("cursor");
  const [places, level, ledger] = await Promise.all([
    placesOf(c),
    api<Level>(c, "GET", cellPath(loc, sku)),
    api<{ data: Entry[]; next_cursor: string | null }>(c, "GET", `${cellPath(loc, sku)}/ledger?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`),
  ]);
  if (!level.ok)
    return page(c, { title: "Stock", screen: "inventory", status: level.status === 404 ? 404 : 200, body: html`<h1>${sku}</h1><p class="flash error" role="alert">${problemText(level.problem)}</p>` });
  const l = level.data;
  const mayMove = ROLE_SCOPES[c.get("staff").role].includes("inventory:write");
  const action = `/admin/inventory/${encodeURIComponent(loc)}/${encodeURIComponent(sku)}/movements`;
  const figures: [string, number][] = [
    ["On hand", l.on_hand], ["Held", l.held], ["Committed", l.committed], ["Available", l.available], ["Safety stock", l.safety_stock], ["Damaged", l.damaged],
  ];
  return page(c, {
    title: `${sku} at ${placeName(places, loc)}`,
    screen: "inventory",
    body: html`<h1>${sku} at ${placeName(places, loc)}</h1>
      <p><a href="/admin/inventory?location_id=${encodeURIComponent(loc)}">← Inventory of this location</a></p>
      <div class="tiles">${figures.map(([name, n]) => html`<div class="tile"><strong>${n}</strong>${name}</div>`)}</div>
      ${mayMove
        ? html`<div class="grid2">
            <section class="panel" aria-labelledby="receive"><h2 id="receive">Receive</h2>
              <form method="post" action="${action}" class="row">${formGuard(c)}<input type="hidden" name="kind" value="receive" />
                <label>Units received<input type="number" name="quantity" min="1" step="1" required /></label>${reasonSelect("purchase_order")}
                <label>Note<input type="text" name="note" maxlength="500" /></label><button type="submit" class="primary">Receive units</button></form></section>
            <section class="panel" aria-labelledby="adjust"><h2 id="adjust">Adjust</h2>
              <form method="post" action="${action}" class="row">${formGuard(c)}<input type="hidden" name="kind" value="adjust" />
                <label>Change (+ or −)<input type="number" name="quantity" step="1" required /></label>${reasonSelect("correction")}
                <label>Note<input type="text" name="note" maxlength="500" /></label><button type="submit">Adjust on hand</button></form></section>
            <section class="panel" aria-labelledby="count"><h2 id="count">Count</h2>
              <form method="post" action="${action}" class="row">${formGuard(c)}<input type="hidden" name="kind" value="count" /><input type="hidden" name="reason" value="cycle_count" />
                <label>Units counted on the shelf<input type="number" name="quantity" min="0" step="1" required /></label>
                <label>Note<input type="text" name="note" maxlength="500" /></label><button type="submit">Record the count</button></form></section>
          </div>`
        : html`<p class="muted">Your role reads stock; receiving, adjusting and counting are for the warehouse and managers.</p>`}
      <h2>Ledger</h2>
      ${ledger.ok
        ? html`<table>
            <thead><tr><th scope="col">#</th><th scope="col">When</th><th scope="col">What</th><th scope="col">Reason</th><th scope="col">Reference</th><th scope="col" class="num">On hand ±</th><th scope="col" class="num">Held ±</th><th scope="col" class="num">Committed ±</th><th scope="col" class="num">Damaged ±</th><th scope="col" class="num">On hand after</th></tr></thead>
            <tbody>${ledger.data.data.length
              ? ledger.data.data.map(
                  (e) => html`<tr><td>${e.seq}</td><td>${when(e.at)}</td><td>${e.op}</td><td>${e.reason ?? "—"}</td><td>${e.ref ?? "—"}</td><td class="num">${signed(e.on_hand_delta)}</td><td class="num">${signed(e.held_delta)}</td><td class="num">${signed(e.committed_delta)}</td><td class="num">${signed(e.damaged_delta)}</td><td class="num">${e.on_hand}</td></tr>`,
                )
              : html`<tr><td colspan="10" class="muted">Nothing happened to this cell yet.</td></tr>`}</tbody></table>
          ${nextLink(c, ledger.data.next_cursor)}`
        : html`<p class="flash error" role="alert">${problemText(ledger.problem)}</p>`}`,
  });
});

cellRoutes.post("/inventory/:locationId/:sku/movements", here, async (c) => {
  const { locationId: loc, sku } = c.req.param();
  if (!mayWorkAt(c.get("staff"), loc)) return forbiddenPage(c);
  const form = await readForm(c);
  const kind = form.one("kind") as Kind;
  const back = `/admin/inventory/${encodeURIComponent(loc)}/${encodeURIComponent(sku)}`;
  const qty = form.one("quantity");
  // Anything else than a whole number goes to the API as typed, so its field message is what the person reads.
  const quantity = /^[-+]?\d{1,10}$/.test(qty) ? Number(qty) : qty;
  const note = form.one("note");
  const body = { sku, location_id: loc, kind: KINDS.includes(kind) ? kind : form.one("kind"), quantity, reason: form.one("reason"), ...(note ? { note } : {}) };
  const res = await api<{ level: Level }>(c, "POST", "/v1/inventory/movements", { body, idempotencyKey: form.idem });
  const done = (d: { level: Level }) =>
    `${kind === "receive" ? "Received" : kind === "count" ? "Count recorded" : "Adjusted"}: on hand ${d.level.on_hand}, available ${d.level.available}.`;
  return answer(c, res, back, done);
});
