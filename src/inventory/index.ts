import { createRouter } from "../http/router";
import * as handlers from "./handlers";
import * as routes from "./routes";

export const inventoryRoutes = createRouter()
  .openapi(routes.recordMovement, handlers.move)
  .openapi(routes.listLevels, handlers.levels)
  .openapi(routes.getCell, handlers.cell)
  .openapi(routes.configureCell, handlers.configure)
  .openapi(routes.listLedger, handlers.ledger)
  .openapi(routes.listHolds, handlers.holds);
