import { createRouter } from "../http/router";
import * as handlers from "./handlers";
import * as routes from "./routes";

// The merchant's return policy; src/returns applies it.
export const returnPolicyRoutes = createRouter().openapi(routes.getReturnPolicy, handlers.get).openapi(routes.putReturnPolicy, handlers.put);
