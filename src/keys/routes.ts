import { createRoute, z } from "@hono/zod-openapi";
import { SCOPES } from "../http/auth-scopes";
import { commonProblems, json, jsonBody, page, PageQuery, problem } from "../http/openapi";
import { admin } from "../http/auth";

export const ApiKey = z
  .object({
    id: z.string(),
    kind: z.enum(["secret", "publishable"]),
    name: z.string(),
    prefix: z.string().openapi({ description: "First characters of the key, to recognise it." }),
    scopes: z.array(z.string()),
    created_at: z.number().int(),
    revoked_at: z.number().int().nullable(),
  })
  .openapi("ApiKey");

export const CreatedApiKey = ApiKey.extend({
  key: z.string().openapi({ description: "The key itself. Shown only in this answer; only its hash is stored." }),
}).openapi("CreatedApiKey");

export const ApiKeyInput = z
  .object({
    kind: z.enum(["secret", "publishable"]),
    name: z.string().trim().min(1).max(100),
    scopes: z
      .array(z.enum(SCOPES))
      .min(1)
      .max(SCOPES.length)
      .optional()
      .openapi({
        description:
          "Only scopes the calling key holds itself (a write scope counts as its read); default: the calling key's scopes. " +
          "Publishable keys always get `storefront` and nothing else.",
      }),
  })
  .strict()
  .openapi("ApiKeyInput");

const tags = ["API keys"];
const guard = admin("keys:write");

export const createApiKey = createRoute({
  method: "post",
  path: "/v1/api-keys",
  operationId: "createApiKey",
  tags,
  summary: "Create a secret or publishable key",
  description:
    "Not idempotent on purpose: replaying the answer would mean keeping the key itself, and only its hash is ever stored. " +
    "A retry after a lost answer creates a second key; revoke the one you never saw.",
  middleware: [...guard],
  request: { body: jsonBody(ApiKeyInput) },
  responses: {
    201: json(CreatedApiKey, "The key, shown once."),
    ...commonProblems,
    403: problem("scope_not_held or publishable_scope_not_allowed (with `scopes`), or the route's own key checks."),
  },
});

export const listApiKeys = createRoute({
  method: "get",
  path: "/v1/api-keys",
  operationId: "listApiKeys",
  tags,
  summary: "List keys, newest first",
  middleware: [...guard],
  request: { query: PageQuery },
  responses: { 200: json(page(ApiKey, "ApiKeyPage"), "A page of keys."), ...commonProblems },
});

export const revokeApiKey = createRoute({
  method: "delete",
  path: "/v1/api-keys/{id}",
  operationId: "revokeApiKey",
  tags,
  summary: "Revoke a key; it stops working at once",
  middleware: [...guard],
  request: { params: z.object({ id: z.string().max(64) }) },
  responses: { 200: json(ApiKey, "The revoked key."), ...commonProblems, 404: problem("No such key.") },
});
