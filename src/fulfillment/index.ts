import { createRouter } from "../http/router";

export const fulfillmentRoutes = createRouter();
