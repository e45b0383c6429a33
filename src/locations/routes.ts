import { createRoute, z } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { idempotent } from "../http/idempotency";
import { commonProblems, json, jsonBody, OptionalIdempotencyHeader, page, PageQuery, problem, BoolQuery } from "../http/openapi";
import { Location, LocationInput, LocationPatch } from "./schemas";

const tags = ["Locations"];
const read = admin("locations:read");
const write = admin("locations:write");
const IdParam = z.object({ id: z.string().max(64) });
const noLocation = { 404: problem("No such location (location_not_found).") };

export const createLocation = createRoute({
  method: "post",
  path: "/v1/locations",
  operationId: "createLocation",
  tags,
  summary: "Create a warehouse, store or 3PL location",
  middleware: [...write, idempotent({ required: false })],
  request: { headers: OptionalIdempotencyHeader, body: jsonBody(LocationInput) },
  responses: {
    201: json(Location, "The location."),
    ...commonProblems,
    409: problem("The code is taken (location_code_taken)."),
    422: problem("Idempotency-Key reused with another body."),
  },
});

export const listLocations = createRoute({
  method: "get",
  path: "/v1/locations",
  operationId: "listLocations",
  tags,
  summary: "List locations, newest first",
  middleware: [...read],
  request: {
    query: PageQuery.extend({
      active: BoolQuery.optional().openapi({ description: "Only active (or inactive) locations." }),
      can_pickup: BoolQuery.optional().openapi({ description: "Only locations that do (or do not) offer pickup." }),
    }),
  },
  responses: { 200: json(page(Location, "LocationPage"), "A page of locations."), ...commonProblems },
});

export const getLocation = createRoute({
  method: "get",
  path: "/v1/locations/{id}",
  operationId: "getLocation",
  tags,
  summary: "Get a location",
  middleware: [...read],
  request: { params: IdParam },
  responses: { 200: json(Location, "The location."), ...commonProblems, ...noLocation },
});

export const updateLocation = createRoute({
  method: "patch",
  path: "/v1/locations/{id}",
  operationId: "updateLocation",
  tags,
  summary: "Change a location (never its code)",
  middleware: [...write],
  request: { params: IdParam, body: jsonBody(LocationPatch) },
  responses: { 200: json(Location, "The changed location."), ...commonProblems, ...noLocation },
});
