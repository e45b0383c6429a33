import { createRouter } from "../http/router";
import * as handlers from "./handlers";
import * as routes from "./routes";

// Bulk import of orders and inventory levels as background jobs.
export const importRoutes = createRouter()
  .openapi(routes.createImport, handlers.createImport)
  .openapi(routes.listImports, handlers.listImports)
  .openapi(routes.getImport, handlers.getImport);
