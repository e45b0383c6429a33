// The frame of every page: navigation for what the role may open, who is signed in, the flash message, the content.
import type { Context } from "hono";
import { html } from "hono/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { HtmlEscapedString } from "hono/utils/html";
import { canOpen, type Screen } from "../../staff/roles";
import type { DashEnv } from "./env";
import { takeFlash } from "./flash";
import { formGuard } from "./html";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const NAV: [Screen, string, string][] = [
  ["today", "Today", "/admin"],
  ["orders", "Orders", "/admin/orders"],
  ["fulfillment", "Fulfillment", "/admin/fulfillment"],
  ["inventory", "Inventory", "/admin/inventory"],
  ["returns", "Returns", "/admin/returns"],
  ["customers", "Customers", "/admin/customers"],
  ["channels", "Channels", "/admin/channels"],
  ["dead-letters", "Dead letters", "/admin/dead-letters"],
  ["analytics", "Analytics", "/admin/analytics"],
  ["settings", "Settings", "/admin/settings"],
];

export interface PageOptions {
  title: string;
  screen: Screen;
  body: Html;
  /** HTTP status (200 unless told). A live region is marked in the body with `data-refresh="<seconds>"`. */
  status?: ContentfulStatusCode;
}

export function page(c: Context<DashEnv>, opts: PageOptions) {
  const staff = c.get("staff");
  const flash = takeFlash(c);
  return c.html(
    html`<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="csrf-token" content="${staff.csrf}" />
<title>${opts.title} · edge-oms</title><link rel="stylesheet" href="/admin/assets/app.css" /></head>
<body><a class="skip" href="#main">Skip to content</a>
<header class="top"><a href="/admin"><strong>edge-oms</strong></a>
<nav aria-label="Main">${NAV.filter(([s]) => canOpen(staff.role, s)).map(
      ([s, label, href]) => html`<a href="${href}"${s === opts.screen ? html` aria-current="page"` : html``}>${label}</a>`,
    )}</nav>
<span class="who">${staff.name} · ${staff.role}</span>
<form method="post" action="/admin/logout" class="inline">${formGuard(c)}<button type="submit">Log out</button></form></header>
<main id="main">${flash ? html`<p class="flash ${flash.kind}" role="${flash.kind === "error" ? "alert" : "status"}">${flash.text}</p>` : html``}${opts.body}</main>
<script src="/admin/assets/app.js" defer></script></body></html>`,
    opts.status ?? 200,
  );
}

/** A page for a signed-in user who may not open what they asked for. */
export const forbiddenPage = (c: Context<DashEnv>) =>
  page(c, { title: "Not allowed", screen: "today", status: 403, body: html`<h1>Not allowed</h1><p>Your role (${c.get("staff").role}) may not open this page.</p>` });
