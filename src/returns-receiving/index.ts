import { createRouter } from "../http/router";
import * as handlers from "./handlers";
import * as routes from "./routes";

// Receiving returned units at a location (restock, damaged, inspect) and deciding those held for inspection.
export const returnReceivingRoutes = createRouter()
  .openapi(routes.receiveReturn, handlers.receive)
  .openapi(routes.inspectReturn, handlers.inspect);
