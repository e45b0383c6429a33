// Today: what needs someone now, as tiles that open the matching list, and the last two weeks at a glance.
import { Hono } from "hono";
import { html } from "hono/html";
import { canOpen } from "../../staff/roles";
import { screen } from "../shell/guard";
import type { DashEnv } from "../shell/env";
import { page } from "../shell/layout";
import { tilesFor, type Tile } from "./tiles";
import { lastTwoWeeks } from "./trend";

export const todayRoutes = new Hono<DashEnv>();

const tile = (t: Tile) =>
  html`<a class="tile" href="${t.href}"><strong>${t.value}</strong> ${t.label}${t.note ? html`<br /><span class="muted">${t.note}</span>` : html``}</a>`;

todayRoutes.get("/", screen("today"), async (c) => {
  const staff = c.get("staff");
  const [tiles, trend] = await Promise.all([tilesFor(c), canOpen(staff.role, "orders") ? lastTwoWeeks(c) : Promise.resolve(null)]);
  return page(c, {
    title: "Today",
    screen: "today",
    body: html`<h1>Today</h1>
<div data-refresh="30">
<section aria-labelledby="now-h"><h2 id="now-h">Needs attention</h2>
<div class="tiles">${tiles.map(tile)}</div></section>
${trend ? html`<section aria-labelledby="trend-h"><h2 id="trend-h">Last 14 days</h2>${trend}</section>` : html``}
</div>`,
  });
});
