import { createRouter } from "../http/router";
import * as handlers from "./handlers";
import * as routes from "./routes";

// The merchant's reservation limits for checkouts; the check itself is src/checkout/limits.ts.
export const checkoutLimitRoutes = createRouter()
  .openapi(routes.getCheckoutLimits, handlers.get)
  .openapi(routes.putCheckoutLimits, handlers.put);
