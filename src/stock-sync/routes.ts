import { createRoute, z } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { BoolQuery, commonProblems, json, page, PageQuery, problem } from "../http/openapi";
import { ChannelStockLevel, STOCK_UPDATE_STATUSES, StockReconcile, StockUpdate } from "./schemas";

const tags = ["Channels"];
const IdParam = z.object({ id: z.string().max(200) });
const notFound = problem("No such channel (channel_not_found).");

export const listStockUpdates = createRoute({
  method: "get",
  path: "/v1/channels/{id}/stock-updates",
  operationId: "listStockUpdates",
  tags,
  summary: "Stock figures sent to a channel, newest first",
  description:
    "Needs the `channels:read` scope. One update per new figure of a listing (channel × its SKU), with its sequence, " +
    "attempts and the channel's last answer. Figures go out when a cell's available-to-promise changes (at most about " +
    "once a second per cell), retried with backoff; a figure that was not yet taken when a newer one was decided is " +
    "`superseded`, never sent after the newer one.",
  middleware: [...admin("channels:read")],
  request: {
    params: IdParam,
    query: PageQuery.extend({
      sku: z.string().max(200).optional().openapi({ description: "Only updates of this SKU of ours." }),
      status: z.enum(STOCK_UPDATE_STATUSES).optional(),
    }),
  },
  responses: { 200: json(page(StockUpdate, "StockUpdatePage"), "A page of stock updates."), ...commonProblems, 404: notFound },
});

export const listChannelStock = createRoute({
  method: "get",
  path: "/v1/channels/{id}/stock",
  operationId: "listChannelStock",
  tags,
  summary: "What a channel has been told, per listing",
  description: "Needs the `channels:read` scope. Per listing the newest figure, the last one the channel took, and whether they agree.",
  middleware: [...admin("channels:read")],
  request: { params: IdParam, query: PageQuery.extend({ out_of_sync: BoolQuery.optional().openapi({ description: "true: only listings the channel does not have the newest figure of." }) }) },
  responses: { 200: json(page(ChannelStockLevel, "ChannelStockLevelPage"), "A page of listings by external SKU."), ...commonProblems, 404: notFound },
});

export const reconcileChannelStock = createRoute({
  method: "post",
  path: "/v1/channels/{id}/stock/reconcile",
  operationId: "reconcileChannelStock",
  tags,
  summary: "Send a channel its full stock picture again",
  description:
    "Needs the `channels:write` scope. Every SKU the channel sells (its mapped SKUs, or the whole catalog when it has no " +
    "mappings; Shopify only mapped ones) gets its current figure with a new sequence, whether it changed or not, in the " +
    "background; follow it with `GET /v1/channels/{id}/stock-updates`. The same runs for every channel daily at 03:00 UTC.",
  middleware: [...admin("channels:write")],
  request: { params: IdParam },
  responses: {
    202: json(StockReconcile, "The reconcile is queued."),
    ...commonProblems,
    404: notFound,
    409: problem("The channel is inactive (channel_inactive) or has no inventory URL (channel_without_inventory_url)."),
  },
});
