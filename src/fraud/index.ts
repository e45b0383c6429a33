import { createRouter } from "../http/router";

// Fraud rules the merchant configures, screened at capture.
export const fraudRoutes = createRouter();
