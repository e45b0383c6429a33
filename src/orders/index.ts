import { createRouter } from "../http/router";
import * as handlers from "./handlers";
import * as routes from "./routes";

export const orderRoutes = createRouter()
  .openapi(routes.getOrder, handlers.get)
  .openapi(routes.listOrders, handlers.list)
  .openapi(routes.setOrderTags, handlers.setTags)
  .openapi(routes.addOrderNote, handlers.addNote)
  .openapi(routes.confirmPayment, handlers.confirm)
  .openapi(routes.capturePayment, handlers.capture)
  .openapi(routes.voidPayment, handlers.voidIt);
