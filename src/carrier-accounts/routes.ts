import { createRoute, z } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { idempotent } from "../http/idempotency";
import { commonProblems, json, jsonBody, OptionalIdempotencyHeader, problem } from "../http/openapi";
import { CarrierAccount, CarrierAccountInput, CarrierAccountList, CarrierAccountPatch } from "./schemas";

// Carrier accounts decide where each location's parcels go and hold the merchant's carrier keys: they are location
// settings, so they take the locations scopes (there is no separate settings scope).
const tags = ["Carrier accounts"];
const read = admin("locations:read");
const write = admin("locations:write");
const IdParam = z.object({ id: z.string().min(1).max(100) });
const notFound = { 404: problem("carrier_account_not_found") };

export const createCarrierAccount = createRoute({
  method: "post",
  path: "/v1/settings/carriers",
  operationId: "createCarrierAccount",
  tags,
  summary: "Add a carrier account (EasyPost, Shippo, or the own courier)",
  description:
    "The label job shops rates across every active account serving a fulfillment's location and buys the cheapest " +
    "service that keeps the order's promise. `api_key` is required for EasyPost and Shippo and is never returned. Needs `locations:write`.",
  middleware: [...write, idempotent({ required: false })] as const,
  request: { headers: OptionalIdempotencyHeader, body: jsonBody(CarrierAccountInput) },
  responses: {
    201: json(CarrierAccount, "The account, without its key."),
    ...commonProblems,
    422: problem("api_key_required, api_key_not_used (own courier), unknown_location, idempotency_key_reused."),
  },
});

export const listCarrierAccounts = createRoute({
  method: "get",
  path: "/v1/settings/carriers",
  operationId: "listCarrierAccounts",
  tags,
  summary: "List carrier accounts",
  description: "Oldest first; keys are never returned. Needs `locations:read`.",
  middleware: [...read],
  responses: { 200: json(CarrierAccountList, "The accounts."), ...commonProblems },
});

export const getCarrierAccount = createRoute({
  method: "get",
  path: "/v1/settings/carriers/{id}",
  operationId: "getCarrierAccount",
  tags,
  summary: "Get a carrier account",
  description: "Needs `locations:read`.",
  middleware: [...read],
  request: { params: IdParam },
  responses: { 200: json(CarrierAccount, "The account, without its key."), ...commonProblems, ...notFound },
});

export const updateCarrierAccount = createRoute({
  method: "patch",
  path: "/v1/settings/carriers/{id}",
  operationId: "updateCarrierAccount",
  tags,
  summary: "Change a carrier account (name, key, base URL, locations, services, polling, active)",
  description: "Fields left out stay as they are; a new `api_key` replaces the old one. Needs `locations:write`.",
  middleware: [...write],
  request: { params: IdParam, body: jsonBody(CarrierAccountPatch) },
  responses: {
    200: json(CarrierAccount, "The account, without its key."),
    ...commonProblems,
    ...notFound,
    422: problem("api_key_not_used (own courier), unknown_location."),
  },
});

export const deleteCarrierAccount = createRoute({
  method: "delete",
  path: "/v1/settings/carriers/{id}",
  operationId: "deleteCarrierAccount",
  tags,
  summary: "Remove a carrier account no label was bought with",
  description:
    "An account that bought labels is still needed to void and track them: 409 `carrier_account_in_use`; set `active: false` instead. Needs `locations:write`.",
  middleware: [...write],
  request: { params: IdParam },
  responses: { 204: { description: "Removed." }, ...commonProblems, ...notFound, 409: problem("carrier_account_in_use") },
});
