// Assembles the API. No cloudflare:* imports here, so scripts under Node can import it to write the OpenAPI document.
import { bodyLimit } from "hono/body-limit";
import { relayAfterChange } from "./events/relay-after";
import { onError } from "./http/errors";
import { healthRoutes } from "./http/health";
import { docsRoutes } from "./http/docs";
import { availabilityRoutes } from "./availability";
import { catalogRoutes } from "./catalog";
import { checkoutRoutes } from "./checkout";
import { inventoryRoutes } from "./inventory";
import { keyRoutes } from "./keys";
import { locationRoutes } from "./locations";
import { orderRoutes } from "./orders";
import { analyticsRoutes } from "./analytics";
import { fulfillmentRoutes } from "./fulfillment";
import { packingRoutes } from "./packing";
import { labelRoutes } from "./labels";
import { notificationRoutes } from "./notifications";
import { deadLetterRoutes } from "./queues";
import { webhookRoutes } from "./webhooks";
import { customerRoutes } from "./customers";
import { orderLookupRoutes } from "./order-lookup";
import { orderChangeRoutes } from "./order-changes";
import { fraudRoutes } from "./fraud";
import { backorderRoutes } from "./backorders";
import { invoiceRoutes } from "./invoices";
import { channelRoutes } from "./channels";
import { importRoutes } from "./imports";
import { stockSyncRoutes } from "./stock-sync";
import { auditRoutes } from "./audit";
import { paymentRoutes } from "./payments";
import { checkoutLimitRoutes } from "./checkout-limits";
import { returnRoutes } from "./returns";
import { exchangeRoutes } from "./exchanges";
import { returnReceivingRoutes } from "./returns-receiving";
import { returnLabelRoutes } from "./return-labels";
import { refundRoutes } from "./refunds";
import { storeCreditRoutes } from "./store-credit";
import { returnPolicyRoutes } from "./return-policy";
import { staffUserRoutes } from "./staff-users";
import { carrierAccountRoutes } from "./carrier-accounts";
import { trackingRoutes } from "./tracking";
import { satisfactionRoutes } from "./satisfaction";
import { deliveryPromiseRoutes } from "./delivery-promises";
import { binRoutes } from "./bins";
import { barcodeRoutes } from "./barcodes";
import { pickingRoutes } from "./picking";
import { countTaskRoutes } from "./count-tasks";
import { accuracyRoutes } from "./accuracy";
import { stripingRoutes } from "./striping";
import { pickupRoutes } from "./pickup";
import { thirdPartyRoutes } from "./third-party";
import { createDashboard } from "./dashboard";
import { devRoutes } from "./dev/floor";
import { notFoundOrWrongMethod } from "./http/not-found";
import { Problem } from "./http/problem";
import { createRouter } from "./http/router";
import { normalizeOpenApi } from "./http/openapi-document";

export const OPENAPI_INFO = {
  openapi: "3.1.0",
  info: {
    title: "edge-oms",
    version: "0.1.0",
    description:
      "Order management at the edge. Storefront routes take a publishable key (pk_), admin routes a secret key (sk_) " +
      "with scopes, both as `Authorization: Bearer <key>`. Errors are RFC 9457 problem details with a stable `code`.",
  },
  // Relative to nothing a client could guess: `npm run dev` serves here (README, Quick start). A deployment adds its own.
  servers: [{ url: "http://localhost:8787", description: "Local development (`npm run dev`: wrangler dev with local D1, Durable Objects and queues)" }],
  security: [{ apiKey: [] }],
};

/** The API's OpenAPI 3.1 document, as /openapi.json serves it and scripts/openapi.ts writes it. */
export const openApiDocument = (api: ReturnType<typeof createRouter>) => normalizeOpenApi(api.getOpenAPI31Document(OPENAPI_INFO));

// 1 MiB is far above any real order and far below what would hurt the worker.
const MAX_BODY_BYTES = 1024 * 1024;

export function createApp() {
  const app = createRouter();
  app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description: "sk_… (secret, admin) or pk_… (publishable, storefront)",
  });

  app.onError(onError);
  app.use(
    "*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new Problem(413, "payload_too_large", "Payload too large", `Bodies are limited to ${MAX_BODY_BYTES} bytes.`);
      },
    }),
  );

  app.use("/v1/orders/*", relayAfterChange);
  app.use("/v1/fulfillments/*", relayAfterChange);
  app.route("/", healthRoutes);
  app.route("/", keyRoutes);
  app.route("/", catalogRoutes);
  app.route("/", locationRoutes);
  app.route("/", inventoryRoutes);
  app.route("/", availabilityRoutes);
  app.route("/", checkoutRoutes);
  app.route("/", orderRoutes);
  app.route("/", fulfillmentRoutes);
  app.route("/", packingRoutes);
  app.route("/", labelRoutes);
  app.route("/", webhookRoutes);
  app.route("/", notificationRoutes);
  app.route("/", analyticsRoutes);
  app.route("/", deadLetterRoutes);
  app.route("/", customerRoutes);
  app.route("/", orderLookupRoutes);
  app.route("/", orderChangeRoutes);
  app.route("/", fraudRoutes);
  app.route("/", backorderRoutes);
  app.route("/", invoiceRoutes);
  app.route("/", channelRoutes);
  app.route("/", importRoutes);
  app.route("/", stockSyncRoutes);
  app.route("/", auditRoutes);
  app.route("/", paymentRoutes);
  app.route("/", checkoutLimitRoutes);
  app.route("/", returnPolicyRoutes);
  app.route("/", returnRoutes);
  app.route("/", exchangeRoutes);
  app.route("/", returnReceivingRoutes);
  app.route("/", returnLabelRoutes);
  app.route("/", refundRoutes);
  app.route("/", storeCreditRoutes);
  app.route("/", staffUserRoutes);
  app.route("/", carrierAccountRoutes);
  app.route("/", trackingRoutes);
  app.route("/", satisfactionRoutes);
  app.route("/", deliveryPromiseRoutes);
  app.route("/", binRoutes);
  app.route("/", barcodeRoutes);
  app.route("/", pickingRoutes);
  app.route("/", countTaskRoutes);
  app.route("/", accuracyRoutes);
  app.route("/", stripingRoutes);
  app.route("/", pickupRoutes);
  app.route("/", thirdPartyRoutes);
  // Development only (404 elsewhere), not in the API document: the bench's floor (src/dev/floor.ts).
  app.route("/", devRoutes);

  // The staff dashboard: not part of the API document; its actions call this app in-process.
  app.route("/admin", createDashboard((req, env, ctx) => app.fetch(req, env, ctx)));

  // Not app.doc31: the served document goes through the same normalizeOpenApi as the committed one.
  app.get("/openapi.json", (c) => c.json(openApiDocument(app)));
  app.route("/", docsRoutes);
  app.notFound(notFoundOrWrongMethod(app));
  return app;
}

export const app = createApp();
export type App = typeof app;
