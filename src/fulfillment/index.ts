import { createRouter } from "../http/router";
import * as handlers from "./handlers";
import * as routes from "./routes";

export const fulfillmentRoutes = createRouter()
  .openapi(routes.listFulfillments, handlers.list)
  .openapi(routes.getFulfillment, handlers.get)
  .openapi(routes.startPicking, handlers.picking)
  .openapi(routes.packFulfillment, handlers.pack)
  .openapi(routes.shipFulfillment, handlers.ship)
  .openapi(routes.deliverFulfillment, handlers.deliver)
  .openapi(routes.cancelFulfillment, handlers.cancel);
