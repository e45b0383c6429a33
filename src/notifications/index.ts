import { createRouter } from "../http/router";
import * as handlers from "./handlers";
import * as routes from "./routes";

export const notificationRoutes = createRouter().openapi(routes.listNotifications, handlers.listNotifications);
