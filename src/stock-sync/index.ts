import { createRouter } from "../http/router";

// Stock out to channels: coalesced, ordered, signed updates and a reconcile.
export const stockSyncRoutes = createRouter();
