import { createRouter } from "../http/router";
import * as handlers from "./handlers";
import * as routes from "./routes";

// Stock out to channels: coalesced, ordered, signed updates and a reconcile.
export const stockSyncRoutes = createRouter()
  .openapi(routes.listStockUpdates, handlers.listStockUpdates)
  .openapi(routes.listChannelStock, handlers.listChannelStock)
  .openapi(routes.reconcileChannelStock, handlers.reconcileChannelStock);
