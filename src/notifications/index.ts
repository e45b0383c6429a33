import { createRouter } from "../http/router";

export const notificationRoutes = createRouter();
