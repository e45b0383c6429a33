import { createRouter } from "../http/router";
import * as handlers from "./handlers";
import * as routes from "./routes";

export const keyRoutes = createRouter()
  .openapi(routes.createApiKey, handlers.create)
  .openapi(routes.listApiKeys, handlers.list)
  .openapi(routes.revokeApiKey, handlers.revoke);
