import { createRouter } from "../http/router";
import * as events from "./events";
import * as handlers from "./handlers";
import * as routes from "./routes";
import { receiveChannelWebhook } from "./webhook";

// Channel records, their webhooks in, and the stock they are told.
export const channelRoutes = createRouter()
  .openapi(routes.createChannel, handlers.createChannel)
  .openapi(routes.listChannels, handlers.listChannels)
  .openapi(routes.getChannel, handlers.getChannel)
  .openapi(routes.updateChannel, handlers.updateChannel)
  .openapi(routes.putSkuMappings, handlers.putSkuMappings)
  .openapi(routes.listSkuMappings, handlers.listSkuMappings)
  .openapi(routes.deleteSkuMapping, handlers.deleteSkuMapping)
  .openapi(routes.listChannelEvents, events.listChannelEvents)
  .openapi(routes.getChannelEvent, events.getChannelEvent)
  .openapi(routes.replayChannelEvent, events.replayChannelEvent)
  .openapi(routes.receiveChannelWebhook, receiveChannelWebhook);
