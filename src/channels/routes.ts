import { createRoute, z } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { idempotent } from "../http/idempotency";
import { commonProblems, json, jsonBody, OptionalIdempotencyHeader, page, PageQuery, problem } from "../http/openapi";
import { Channel, ChannelEvent, ChannelEventWithPayload, ChannelInput, ChannelPatch, EventStatus, SkuMapping, SkuMappingsInput, WebhookAccepted } from "./schemas";

const tags = ["Channels"];
const read = admin("channels:read");
const write = admin("channels:write");
const IdParam = z.object({ id: z.string().max(64) });
const EventParam = IdParam.extend({ event_id: z.string().max(64) });
const noChannel = { 404: problem("No such channel (channel_not_found).") };
const badInput = { 422: problem("A secret in the wrong form for the channel's kind (invalid_webhook_secret), a URL that may not be called (inventory_url_not_allowed), an unknown SKU (unknown_sku).") };

export const createChannel = createRoute({
  method: "post",
  path: "/v1/channels",
  operationId: "createChannel",
  tags,
  summary: "Create a sales channel",
  description: "Needs `channels:write`. The webhook secret and credentials are stored and never shown again: the answer says only whether they are set.",
  middleware: [...write, idempotent({ required: false })],
  request: { headers: OptionalIdempotencyHeader, body: jsonBody(ChannelInput) },
  responses: { 201: json(Channel, "The channel."), ...commonProblems, 409: problem("The code is taken (channel_code_taken)."), ...badInput },
});

export const listChannels = createRoute({
  method: "get",
  path: "/v1/channels",
  operationId: "listChannels",
  tags,
  summary: "List channels, oldest first",
  description: "Needs `channels:read`.",
  middleware: [...read],
  request: { query: PageQuery },
  responses: { 200: json(page(Channel, "ChannelPage"), "A page of channels."), ...commonProblems },
});

export const getChannel = createRoute({
  method: "get",
  path: "/v1/channels/{id}",
  operationId: "getChannel",
  tags,
  summary: "Get a channel",
  description: "Needs `channels:read`.",
  middleware: [...read],
  request: { params: IdParam },
  responses: { 200: json(Channel, "The channel."), ...commonProblems, ...noChannel },
});

export const updateChannel = createRoute({
  method: "patch",
  path: "/v1/channels/{id}",
  operationId: "updateChannel",
  tags,
  summary: "Change a channel: name, active, secrets, inventory URL, stock buffer",
  description: "Needs `channels:write`. An inactive channel's webhooks are refused (409 channel_inactive).",
  middleware: [...write],
  request: { params: IdParam, body: jsonBody(ChannelPatch) },
  responses: { 200: json(Channel, "The changed channel."), ...commonProblems, ...noChannel, ...badInput },
});

export const putSkuMappings = createRoute({
  method: "put",
  path: "/v1/channels/{id}/skus",
  operationId: "putChannelSkuMappings",
  tags,
  summary: "Map the channel's SKUs to ours (insert or replace)",
  description: "Needs `channels:write`. Orders from the channel are read through these; a SKU without a mapping is taken as ours.",
  middleware: [...write],
  request: { params: IdParam, body: jsonBody(SkuMappingsInput) },
  responses: { 200: json(z.object({ updated: z.number().int() }), "How many mappings were written."), ...commonProblems, ...noChannel, ...badInput },
});

export const listSkuMappings = createRoute({
  method: "get",
  path: "/v1/channels/{id}/skus",
  operationId: "listChannelSkuMappings",
  tags,
  summary: "List the channel's SKU mappings by external SKU",
  description: "Needs `channels:read`.",
  middleware: [...read],
  request: { params: IdParam, query: PageQuery },
  responses: { 200: json(page(SkuMapping, "ChannelSkuMappingPage"), "A page of mappings."), ...commonProblems, ...noChannel },
});

export const deleteSkuMapping = createRoute({
  method: "delete",
  path: "/v1/channels/{id}/skus/{external_sku}",
  operationId: "deleteChannelSkuMapping",
  tags,
  summary: "Remove a SKU mapping",
  description: "Needs `channels:write`.",
  middleware: [...write],
  request: { params: IdParam.extend({ external_sku: z.string().max(100) }) },
  responses: { 200: json(SkuMapping, "The removed mapping."), ...commonProblems, 404: problem("No such channel or mapping (channel_not_found, sku_mapping_not_found).") },
});

export const listChannelEvents = createRoute({
  method: "get",
  path: "/v1/channels/{id}/events",
  operationId: "listChannelEvents",
  tags,
  summary: "Deliveries the channel pushed, newest first",
  description: "Needs `channels:read`. `status=failed` lists the payloads that could not be read; fix and replay them.",
  middleware: [...read],
  request: { params: IdParam, query: PageQuery.extend({ status: EventStatus.optional() }) },
  responses: { 200: json(page(ChannelEvent, "ChannelEventPage"), "A page of deliveries."), ...commonProblems, ...noChannel },
});

export const getChannelEvent = createRoute({
  method: "get",
  path: "/v1/channels/{id}/events/{event_id}",
  operationId: "getChannelEvent",
  tags,
  summary: "A delivery with its raw payload",
  description: "Needs `channels:read`.",
  middleware: [...read],
  request: { params: EventParam },
  responses: { 200: json(ChannelEventWithPayload, "The delivery."), ...commonProblems, 404: problem("No such channel or delivery (channel_event_not_found).") },
});

export const replayChannelEvent = createRoute({
  method: "post",
  path: "/v1/channels/{id}/events/{event_id}/replay",
  operationId: "replayChannelEvent",
  tags,
  summary: "Process a delivery again",
  description:
    "Needs `channels:write`. For a delivery that failed (e.g. after the reader was fixed or a SKU mapped) or is stuck as received. " +
    "Processing is idempotent per channel order: a replay never makes a second order.",
  middleware: [...write],
  request: { params: EventParam },
  responses: {
    202: json(ChannelEvent, "The delivery, queued again."),
    ...commonProblems,
    404: problem("No such channel or delivery (channel_event_not_found)."),
    409: problem("The delivery was processed already (channel_event_processed)."),
  },
});

export const receiveChannelWebhook = createRoute({
  method: "post",
  path: "/v1/channels/{id}/webhooks",
  operationId: "receiveChannelWebhook",
  tags,
  security: [],
  summary: "A channel's order webhook",
  description:
    "No API key: the channel's signature authenticates the body exactly as sent. Shopify: `X-Shopify-Hmac-Sha256`, topic " +
    "`X-Shopify-Topic` (orders/create, orders/updated, orders/paid, orders/cancelled), deduplicated on `X-Shopify-Event-Id`. " +
    "WooCommerce: `X-WC-Webhook-Signature`, topic `X-WC-Webhook-Topic` (order.created, order.updated), deduplicated on " +
    "`X-WC-Webhook-Delivery-ID`; its unsigned creation ping (`webhook_id=…`) answers 200. Any other kind: Standard Webhooks " +
    "(`webhook-id`, `webhook-timestamp` within 5 minutes, `webhook-signature`) over a JSON body " +
    "`{ \"type\": \"order.created\" | \"order.updated\" | \"order.cancelled\", \"data\": ChannelOrderDocument }`. " +
    "The delivery is stored as sent and processed from a queue; a delivery seen before answers 200 with `duplicate: true`.",
  request: { params: IdParam },
  responses: {
    200: json(WebhookAccepted, "A duplicate, a ping, or a topic we do not handle: acknowledged, nothing to do."),
    202: json(WebhookAccepted, "Stored and queued."),
    401: problem("Missing or wrong signature, or a stale timestamp (invalid_signature)."),
    404: problem("No such channel (channel_not_found)."),
    409: problem("The channel is inactive (channel_inactive)."),
    413: problem("The body is too large."),
  },
});
