import { createRouter } from "../http/router";
import * as handlers from "./handlers";
import * as routes from "./routes";

export const labelRoutes = createRouter()
  .openapi(routes.getLabel, handlers.getLabel)
  .openapi(routes.getPackingSlip, handlers.getPackingSlip);
