import { createRouter } from "../http/router";

// Bulk import of orders and inventory levels as background jobs.
export const importRoutes = createRouter();
