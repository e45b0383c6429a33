import { createRouter } from "../http/router";

// Cancel (whole or in part), edit before fulfillment, hold and release.
export const orderChangeRoutes = createRouter();
