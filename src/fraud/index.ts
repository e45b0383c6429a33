import { createRouter } from "../http/router";
import * as handlers from "./handlers";
import * as routes from "./routes";

// Fraud rules the merchant configures, screened at capture, and the block list they consult.
export const fraudRoutes = createRouter()
  .openapi(routes.getRules, handlers.getRules)
  .openapi(routes.putRules, handlers.putRules)
  .openapi(routes.listBlockList, handlers.list)
  .openapi(routes.addToBlockList, handlers.add)
  .openapi(routes.removeFromBlockList, handlers.remove);
