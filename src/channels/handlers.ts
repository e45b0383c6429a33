import type { RouteHandler } from "@hono/zod-openapi";
import { isUniqueViolation } from "../db/errors";
import { insert, prepareAll, sql } from "../db/sql";
import { type ChannelKind, signingOf } from "../domain/channel-event";
import { newId } from "../domain/ids";
import type { AppEnv } from "../env";
import { pageOf } from "../http/pagination";
import { conflict, notFound, unprocessable } from "../http/problem";
import { checkWebhookUrl } from "../webhooks/url-policy";
import type * as routes from "./routes";
import { type ChannelRow, channelOr404, presentChannel, updateChannelSql } from "./store";

/** Standard Webhooks secrets are whsec_ + base64 of 24–64 bytes; Shopify and WooCommerce use their own free-form ones. */
function checkSecret(kind: ChannelKind, secret: string | null | undefined) {
  if (!secret || signingOf(kind) !== "standard") return;
  const b64 = secret.match(/^whsec_([A-Za-z0-9+/]+={0,2})$/)?.[1];
  let bytes = 0;
  try {
    bytes = b64 ? atob(b64).length : 0;
  } catch {
    bytes = 0;
  }
  if (bytes < 24 || bytes > 64)
    throw unprocessable("invalid_webhook_secret", "A Standard Webhooks secret is whsec_ followed by the base64 of 24 to 64 random bytes.", {
      errors: [{ field: "body.webhook_secret", message: "Not a whsec_ secret of 24–64 bytes" }],
    });
}

function allowedUrl(url: string | null | undefined, environment: string) {
  if (url === null || url === undefined) return url;
  const verdict = checkWebhookUrl(url, environment);
  if (!verdict.ok) throw unprocessable("inventory_url_not_allowed", verdict.reason, { errors: [{ field: "body.inventory_url", message: verdict.reason }] });
  return verdict.url;
}

const json = (v: unknown) => (v === null || v === undefined ? v : JSON.stringify(v)) as string | null | undefined;

export const createChannel: RouteHandler<typeof routes.createChannel, AppEnv> = async (c) => {
  const input = c.req.valid("json");
  checkSecret(input.kind, input.webhook_secret);
  const now = Date.now();
  const row: ChannelRow = {
    id: newId("ch", now),
    code: input.code,
    name: input.name,
    kind: input.kind,
    active: input.active ? 1 : 0,
    credentials: json(input.credentials) ?? null,
    webhook_secret: input.webhook_secret ?? null,
    inventory_url: allowedUrl(input.inventory_url, c.env.ENVIRONMENT) ?? null,
    stock_buffer_units: input.stock_buffer_units,
    stock_buffer_percent: input.stock_buffer_percent,
    created_at: now,
    updated_at: now,
  };
  try {
    const q = insert("channels", row);
    await c.env.DB.prepare(q.sql).bind(...q.params).run();
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict("channel_code_taken", `Channel code ${input.code} is already in use.`);
    throw err;
  }
  return c.json(presentChannel(row), 201);
};

export const listChannels: RouteHandler<typeof routes.listChannels, AppEnv> = async (c) => {
  const { limit, cursor } = c.req.valid("query");
  const { results } = await c.env.DB.prepare("SELECT * FROM channels WHERE id > ? ORDER BY id LIMIT ?").bind(cursor ?? "", limit + 1).all<ChannelRow>();
  return c.json(pageOf(results, limit, (r) => r.id, presentChannel), 200);
};

export const getChannel: RouteHandler<typeof routes.getChannel, AppEnv> = async (c) =>
  c.json(presentChannel(await channelOr404(c.env.DB, c.req.valid("param").id)), 200);

export const updateChannel: RouteHandler<typeof routes.updateChannel, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const p = c.req.valid("json");
  const db = c.env.DB;
  const channel = await channelOr404(db, id);
  checkSecret(channel.kind, p.webhook_secret);
  const set: Partial<ChannelRow> = {
    name: p.name,
    active: p.active === undefined ? undefined : p.active ? 1 : 0,
    webhook_secret: p.webhook_secret,
    credentials: json(p.credentials),
    inventory_url: allowedUrl(p.inventory_url, c.env.ENVIRONMENT),
    stock_buffer_units: p.stock_buffer_units,
    stock_buffer_percent: p.stock_buffer_percent,
    updated_at: Date.now(),
  };
  const q = updateChannelSql(id, set);
  await db.prepare(q.sql).bind(...q.params).run();
  return c.json(presentChannel(await channelOr404(db, id)), 200);
};

export const putSkuMappings: RouteHandler<typeof routes.putSkuMappings, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const { mappings } = c.req.valid("json");
  const db = c.env.DB;
  await channelOr404(db, id);
  // json_each keeps the lookup to one bound parameter, whatever the number of SKUs (D1 allows 100).
  const { results } = await db
    .prepare("SELECT sku FROM variants WHERE sku IN (SELECT value FROM json_each(?))")
    .bind(JSON.stringify([...new Set(mappings.map((m) => m.sku))]))
    .all<{ sku: string }>();
  const known = new Set(results.map((r) => r.sku));
  const errors = mappings.flatMap((m, i) => (known.has(m.sku) ? [] : [{ field: `body.mappings.${i}.sku`, message: `Unknown SKU ${m.sku}` }]));
  if (errors.length) throw unprocessable("unknown_sku", "Some mappings name SKUs that are not in the catalog.", { errors });
  await db.batch(
    prepareAll(
      db,
      mappings.map((m) =>
        sql(
          "INSERT OR REPLACE INTO channel_skus (channel_id, external_sku, sku, external_inventory_id) VALUES (?, ?, ?, ?)",
          id,
          m.external_sku,
          m.sku,
          m.external_inventory_id ?? null,
        ),
      ),
    ),
  );
  return c.json({ updated: mappings.length }, 200);
};

type MappingRow = { external_sku: string; sku: string; external_inventory_id: string | null };
const presentMapping = (m: MappingRow) => ({ external_sku: m.external_sku, sku: m.sku, external_inventory_id: m.external_inventory_id });

export const listSkuMappings: RouteHandler<typeof routes.listSkuMappings, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const { limit, cursor } = c.req.valid("query");
  await channelOr404(c.env.DB, id);
  const { results } = await c.env.DB.prepare(
    "SELECT external_sku, sku, external_inventory_id FROM channel_skus WHERE channel_id = ? AND external_sku > ? ORDER BY external_sku LIMIT ?",
  )
    .bind(id, cursor ?? "", limit + 1)
    .all<MappingRow>();
  return c.json(pageOf(results, limit, (m) => m.external_sku, presentMapping), 200);
};

export const deleteSkuMapping: RouteHandler<typeof routes.deleteSkuMapping, AppEnv> = async (c) => {
  const { id, external_sku } = c.req.valid("param");
  await channelOr404(c.env.DB, id);
  const row = await c.env.DB.prepare("DELETE FROM channel_skus WHERE channel_id = ? AND external_sku = ? RETURNING external_sku, sku, external_inventory_id")
    .bind(id, external_sku)
    .first<MappingRow>();
  if (!row) throw notFound("sku_mapping_not_found", `The channel has no mapping for ${external_sku}.`);
  return c.json(presentMapping(row), 200);
};
