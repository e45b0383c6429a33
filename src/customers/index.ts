import { createRouter } from "../http/router";

// Customers built from orders, search, privacy export and erasure.
export const customerRoutes = createRouter();
