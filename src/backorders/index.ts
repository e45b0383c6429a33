import { createRouter } from "../http/router";

// Backorders and preorders: allocated when stock arrives, oldest order first.
export const backorderRoutes = createRouter();
