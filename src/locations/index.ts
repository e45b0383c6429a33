import { createRouter } from "../http/router";
import * as handlers from "./handlers";
import * as routes from "./routes";

export const locationRoutes = createRouter()
  .openapi(routes.createLocation, handlers.createLocation)
  .openapi(routes.listLocations, handlers.listLocations)
  .openapi(routes.getLocation, handlers.getLocation)
  .openapi(routes.updateLocation, handlers.updateLocation);
