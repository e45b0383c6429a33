import { createRouter } from "../http/router";
import * as handlers from "./handlers";
import * as routes from "./routes";

export const analyticsRoutes = createRouter()
  .openapi(routes.ordersAnalytics, handlers.ordersAnalytics)
  .openapi(routes.fulfillmentAnalytics, handlers.fulfillmentAnalytics)
  .openapi(routes.locationAnalytics, handlers.locationAnalytics)
  .openapi(routes.returnsAnalytics, handlers.returnsAnalytics)
  .openapi(routes.refundsAnalytics, handlers.refundsAnalytics);
