import { createRouter } from "../http/router";
import * as handlers from "./handlers";
import * as routes from "./routes";

// Cancel (whole or in part), edit before fulfillment, hold and release.
export const orderChangeRoutes = createRouter()
  .openapi(routes.cancelOrder, handlers.cancel)
  .openapi(routes.editOrder, handlers.edit)
  .openapi(routes.holdOrder, handlers.hold)
  .openapi(routes.releaseOrder, handlers.release);
