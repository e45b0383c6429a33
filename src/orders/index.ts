import { createRouter } from "../http/router";

export const orderRoutes = createRouter();
