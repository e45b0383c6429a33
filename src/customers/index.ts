import { createRouter } from "../http/router";
import * as handlers from "./handlers";
import * as routes from "./routes";

// Customers built from orders, search, privacy export and erasure.
export const customerRoutes = createRouter()
  .openapi(routes.listCustomers, handlers.list)
  .openapi(routes.getCustomer, handlers.get)
  .openapi(routes.exportCustomer, handlers.exportAll)
  .openapi(routes.eraseCustomer, handlers.erase);
