import { createRouter } from "../http/router";
import * as handlers from "./handlers";
import * as routes from "./routes";

export const auditRoutes = createRouter().openapi(routes.auditStock, handlers.stock).openapi(routes.auditMoney, handlers.money);
