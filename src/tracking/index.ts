// Tracking back in: providers' webhooks, the merchant's webhook secrets, and the shopper's public tracking page.
import { Problem } from "../http/problem";
import { createRouter } from "../http/router";
import { trackingPage } from "./page";
import * as routes from "./routes";
import { setWebhookSecret } from "./secrets";
import { trackingByToken } from "./view";
import { receiveTrackingWebhook } from "./webhook";

export const trackingRoutes = createRouter()
  .openapi(routes.receiveTrackingWebhook, receiveTrackingWebhook)
  .openapi(routes.setTrackingWebhookSecret, async (c) =>
    c.json(await setWebhookSecret(c.env.DB, c.req.valid("param").provider, c.req.valid("json").secret), 200),
  )
  .openapi(routes.getPublicTracking, async (c) => c.json(await trackingByToken(c.env.DB, c.req.valid("param").token), 200));

// The page is for people, not API clients: not in the API document. An unknown token is a plain 404 page.
trackingRoutes.get("/track/:token", async (c) => {
  const token = c.req.param("token");
  if (!/^[0-9a-f]{32}$/.test(token)) return c.text("No shipment has this tracking link.", 404);
  const view = await trackingByToken(c.env.DB, token).catch((err) => {
    if (err instanceof Problem && err.status === 404) return null;
    throw err;
  });
  if (!view) return c.text("No shipment has this tracking link.", 404);
  c.header("cache-control", "no-store");
  c.header("x-robots-tag", "noindex");
  return c.html(trackingPage(view));
});
