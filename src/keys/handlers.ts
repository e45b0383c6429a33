import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { forgetKey } from "../http/auth";
import { pageOf } from "../http/pagination";
import { notFound } from "../http/problem";
import type { createApiKey, listApiKeys, revokeApiKey } from "./routes";
import { scopesToGrant } from "./grant";
import { type ApiKeyRow, createKey, listKeys, revokeKey } from "./store";

const present = (k: ApiKeyRow) => ({
  id: k.id,
  kind: k.kind,
  name: k.name,
  prefix: k.prefix,
  scopes: k.scopes,
  created_at: k.createdAt,
  revoked_at: k.revokedAt,
});

export const create: RouteHandler<typeof createApiKey, AppEnv> = async (c) => {
  const input = c.req.valid("json");
  const scopes = scopesToGrant(c.get("principal"), input);
  const { row, secret } = await createKey(c.env.DB, { kind: input.kind, name: input.name, scopes });
  return c.json({ ...present(row), key: secret }, 201);
};

export const list: RouteHandler<typeof listApiKeys, AppEnv> = async (c) => {
  const { limit, cursor } = c.req.valid("query");
  return c.json(pageOf(await listKeys(c.env.DB, limit, cursor), limit, (k) => k.id, present), 200);
};

export const revoke: RouteHandler<typeof revokeApiKey, AppEnv> = async (c) => {
  const row = await revokeKey(c.env.DB, c.req.valid("param").id);
  if (!row) throw notFound("api_key_not_found", "No API key has this id.");
  forgetKey(row.hash);
  return c.json(present(row), 200);
};
