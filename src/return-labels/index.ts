import { createRouter } from "../http/router";
import * as handlers from "./handlers";
import * as routes from "./routes";

// Return labels: an approved return's shipping label, for staff and for the shopper.
export const returnLabelRoutes = createRouter()
  .openapi(routes.getReturnLabel, handlers.getReturnLabel)
  .openapi(routes.shopperReturnLabel, handlers.shopperReturnLabel);
