import { createRouter } from "../http/router";
import * as handlers from "./handlers";
import "./hooks";
import * as routes from "./routes";

// Exchanges: a return's units swapped for other SKUs of the same order. Importing this folder registers its hooks on
// the return's decisions and receipts.
export const exchangeRoutes = createRouter()
  .openapi(routes.createExchange, handlers.createExchange)
  .openapi(routes.getExchange, handlers.getExchange)
  .openapi(routes.payExchange, handlers.payExchange);
