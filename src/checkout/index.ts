import { createRouter } from "../http/router";

export const checkoutRoutes = createRouter();
