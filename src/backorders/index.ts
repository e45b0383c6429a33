import { createRouter } from "../http/router";
import * as handlers from "./handlers";
import * as routes from "./routes";

// Backorders and preorders: allocated when stock arrives, oldest order first.
export const backorderRoutes = createRouter()
  .openapi(routes.listBackorders, handlers.listBackorders)
  .openapi(routes.allocateNow, handlers.allocateNow);
