import { createRouter } from "../http/router";

// Shoppers look up their own order by number and email (publishable key), rate-limited.
export const orderLookupRoutes = createRouter();
