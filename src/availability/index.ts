import { createRouter } from "../http/router";

export const availabilityRoutes = createRouter();
