// The staff dashboard under /admin: server-rendered pages, each action a call to the matching API route.
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { analyticsRoutes } from "./analytics";
import { channelsRoutes } from "./channels";
import { customersRoutes } from "./customers";
import { deadLettersRoutes } from "./dead-letters";
import { fulfillmentRoutes } from "./fulfillment";
import { inventoryRoutes } from "./inventory";
import { loginRoutes } from "./login";
import { requireStaff, sameOrigin } from "./login/session";
import { ordersRoutes } from "./orders";
import { returnsRoutes } from "./returns";
import { settingsRoutes } from "./settings";
import { CSS, SCRIPT } from "./shell/assets";
import type { ApiFetch, DashEnv } from "./shell/env";
import { todayRoutes } from "./today";
import { usersRoutes } from "./users";

export function createDashboard(apiFetch: ApiFetch) {
  const dash = new Hono<DashEnv>();
  dash.use(
    "*",
    secureHeaders({
      // hono's default no-referrer makes a browser send `Origin: null` on our own form posts, which sameOrigin refuses.
      referrerPolicy: "same-origin",
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    }),
  );
  dash.use("*", async (c, next) => {
    c.set("api", apiFetch);
    await next();
    if (!c.res.headers.has("cache-control")) c.res.headers.set("cache-control", "no-store");
  });
  dash.use("*", sameOrigin);
  const assetHeaders = (type: string) => ({ "content-type": type, "cache-control": "public, max-age=3600" });
  dash.get("/assets/app.css", (c) => c.body(CSS, 200, assetHeaders("text/css; charset=utf-8")));
  dash.get("/assets/app.js", (c) => c.body(SCRIPT, 200, assetHeaders("text/javascript; charset=utf-8")));
  dash.route("/", loginRoutes);

  dash.use("*", requireStaff);
  for (const routes of [
    todayRoutes,
    ordersRoutes,
    fulfillmentRoutes,
    inventoryRoutes,
    returnsRoutes,
    customersRoutes,
    channelsRoutes,
    deadLettersRoutes,
    analyticsRoutes,
    settingsRoutes,
    usersRoutes,
  ])
    dash.route("/", routes);
  return dash;
}
