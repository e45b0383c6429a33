// Settings (owner only): an index of the store's settings, each a small page that reads and writes its API route.
import { Hono } from "hono";
import { html } from "hono/html";
import type { DashEnv } from "../shell/env";
import { screen } from "../shell/guard";
import { page } from "../shell/layout";
import { apiKeyRoutes } from "./api-keys";
import { fraudRoutes } from "./fraud";
import { returnPolicyRoutes } from "./returns";
import { sellerRoutes } from "./seller";
import { webhookRoutes } from "./webhooks";

export const settingsRoutes = new Hono<DashEnv>();

const SECTIONS: [string, string, string][] = [
  ["/admin/settings/users", "Users", "Invite staff, change roles and locations, disable accounts."],
  ["/admin/settings/fraud", "Fraud rules", "Which orders are held for review, and how risky each signal counts."],
  ["/admin/settings/seller", "Seller profile", "The name, address and VAT id printed on invoices and credit notes."],
  ["/admin/settings/returns", "Return policy", "Return window, final-sale SKUs, fees, and which reasons approve at once."],
  ["/admin/settings/webhooks", "Webhook subscriptions", "Where order, fulfillment and return events are sent."],
  ["/admin/settings/api-keys", "API keys", "The keys other systems use; publishable keys for storefronts."],
];

settingsRoutes.get("/settings", screen("settings"), (c) =>
  page(c, {
    title: "Settings",
    screen: "settings",
    body: html`<h1>Settings</h1><div class="tiles">${SECTIONS.map(
      ([href, label, about]) => html`<a class="tile" href="${href}"><strong>${label}</strong><span class="muted">${about}</span></a>`,
    )}</div>`,
  }),
);

for (const routes of [fraudRoutes, sellerRoutes, returnPolicyRoutes, webhookRoutes, apiKeyRoutes]) settingsRoutes.route("/", routes);
