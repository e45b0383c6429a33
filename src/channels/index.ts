import { createRouter } from "../http/router";

// Channel records, their webhooks in, and the stock they are told.
export const channelRoutes = createRouter();
