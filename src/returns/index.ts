import { createRouter } from "../http/router";
import * as handlers from "./handlers";
import * as routes from "./routes";

// Returns (RMA): what is returnable, requests by staff and shoppers, and staff's decisions. Receiving, refunds and
// exchanges follow in their own folders.
export const returnRoutes = createRouter()
  .openapi(routes.getReturnable, handlers.getReturnable)
  .openapi(routes.createReturn, handlers.createReturn)
  .openapi(routes.listReturns, handlers.listReturns)
  .openapi(routes.getReturn, handlers.getReturn)
  .openapi(routes.approveReturn, handlers.approveReturn)
  .openapi(routes.declineReturn, handlers.declineReturn)
  .openapi(routes.cancelReturn, handlers.cancelReturn)
  .openapi(routes.closeReturn, handlers.closeReturn)
  .openapi(routes.shopperReturnable, handlers.shopperReturnable)
  .openapi(routes.shopperRequestReturn, handlers.shopperRequestReturn);
