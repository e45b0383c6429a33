import { createRouter } from "../http/router";
import * as deliveries from "./deliveries-handlers";
import * as deliveryRoutes from "./deliveries-routes";
import * as handlers from "./handlers";
import * as routes from "./routes";

export const webhookRoutes = createRouter()
  .openapi(routes.createWebhookSubscription, handlers.createWebhookSubscription)
  .openapi(routes.listWebhookSubscriptions, handlers.listWebhookSubscriptions)
  .openapi(routes.getWebhookSubscription, handlers.getWebhookSubscription)
  .openapi(routes.updateWebhookSubscription, handlers.updateWebhookSubscription)
  .openapi(routes.deleteWebhookSubscription, handlers.deleteWebhookSubscription)
  .openapi(routes.rotateWebhookSecret, handlers.rotateWebhookSecret)
  .openapi(deliveryRoutes.listWebhookDeliveries, deliveries.listWebhookDeliveries)
  .openapi(deliveryRoutes.retryWebhookDelivery, deliveries.retryWebhookDelivery);
