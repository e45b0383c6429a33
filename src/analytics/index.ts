import { createRouter } from "../http/router";

export const analyticsRoutes = createRouter();
