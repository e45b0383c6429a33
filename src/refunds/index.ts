import { createRouter } from "../http/router";
import * as handlers from "./handlers";
import * as routes from "./routes";

// Refunds: of a return (calculate, process) and without one (goodwill, price adjustment, shipping), to the original
// payment, as store credit or split; a refused one retried by staff.
export const refundRoutes = createRouter()
  .openapi(routes.calculateReturnRefund, handlers.calculateReturnRefund)
  .openapi(routes.processReturnRefund, handlers.processReturnRefund)
  .openapi(routes.createOrderRefund, handlers.createOrderRefund)
  .openapi(routes.listOrderRefunds, handlers.listOrderRefunds)
  .openapi(routes.getRefund, handlers.getRefund)
  .openapi(routes.retryRefund, handlers.retryRefund);
