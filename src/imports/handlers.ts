import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import { channelOr404 } from "../channels/store";
import { WEB_CHANNEL_ID } from "../checkout/service";
import { PayloadError } from "../domain/channel-order";
import { type ImportKind, importUnits, rowsOf } from "../domain/import-file";
import { newId } from "../domain/ids";
import type { AppEnv } from "../env";
import { requireScope } from "../http/auth";
import { sha256Hex } from "../http/crypto";
import { pageOf } from "../http/pagination";
import { notFound, unprocessable, validationFailed } from "../http/problem";
import { job } from "../queues/job";
import type * as routes from "./routes";
import type { ImportInput } from "./schemas";
import { CHUNK_UNITS, getImportRow, type ImportRow, lanesOf, presentImport, rowErrors } from "./store";

const scopeOf = (kind: ImportKind, access: "read" | "write") => (kind === "inventory_csv" ? (`inventory:${access}` as const) : (`orders:${access}` as const));
const checkScope = (c: Context<AppEnv>, kind: ImportKind, access: "read" | "write") => requireScope(scopeOf(kind, access))(c, async () => {});
const can = (c: Context<AppEnv>, kind: ImportKind) => checkScope(c, kind, "read").then(() => true, () => false);

export const createImport: RouteHandler<typeof routes.createImport, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const isJson = /^application\/([a-z.-]+\+)?json/i.test(c.req.header("content-type") ?? "");
  const body = isJson ? (c.req.valid("json") as ImportInput) : null;
  const kind = body?.kind ?? query.kind;
  if (!kind) throw validationFailed([{ field: "query.kind", message: "Required when the file is the body" }]);
  await checkScope(c, kind, "write");
  const content = body ? body.content : await c.req.text();
  const channelId = kind === "inventory_csv" ? null : (body?.channel_id ?? query.channel_id ?? WEB_CHANNEL_ID);
  if (channelId) await channelOr404(c.env.DB, channelId);

  let units;
  try {
    units = importUnits(kind, content);
  } catch (err) {
    if (err instanceof PayloadError) throw unprocessable("invalid_import_file", err.message);
    throw err;
  }
  if (!units.length) throw unprocessable("invalid_import_file", "The file has no rows.");

  const now = Date.now();
  const id = newId("imp", now);
  const hash = await sha256Hex(content);
  const row: ImportRow = {
    id,
    kind,
    channel_id: channelId,
    file_hash: hash,
    file_key: `imports/${id}/${hash}`,
    status: "queued",
    units: units.length,
    chunks: Math.ceil(units.length / CHUNK_UNITS),
    rows_total: rowsOf(units),
    rows_done: 0,
    rows_failed: 0,
    created_by: c.get("principal").id,
    created_at: now,
    updated_at: now,
    finished_at: null,
  };
  await c.env.DOCUMENTS.put(row.file_key, content, { httpMetadata: { contentType: kind === "orders_jsonl" ? "application/x-ndjson" : "text/csv" } });
  const names = Object.keys(row);
  await c.env.DB.prepare(`INSERT INTO imports (${names.join(", ")}) VALUES (${names.map(() => "?").join(", ")})`)
    .bind(...Object.values(row))
    .run();
  // The first chunk of each lane; every chunk job sends the next one of its lane when it is done.
  const first = Array.from({ length: Math.min(lanesOf(kind), row.chunks) }, (_, chunk) => ({ body: job("import_chunk", `${id}:${chunk}`, { importId: id, chunk }) }));
  await c.env.INGEST.sendBatch(first);
  return c.json(presentImport(row), 202);
};

export const getImport: RouteHandler<typeof routes.getImport, AppEnv> = async (c) => {
  const row = await getImportRow(c.env.DB, c.req.valid("param").id);
  if (!row) throw notFound("import_not_found", "No import has this id.");
  await checkScope(c, row.kind, "read");
  return c.json(presentImport(row, await rowErrors(c.env.DB, row.id)), 200);
};

export const listImports: RouteHandler<typeof routes.listImports, AppEnv> = async (c) => {
  const { limit, cursor } = c.req.valid("query");
  const kinds = [] as ImportKind[];
  if (await can(c, "orders_csv")) kinds.push("orders_csv", "orders_jsonl");
  if (await can(c, "inventory_csv")) kinds.push("inventory_csv");
  const { results } = await c.env.DB.prepare(
    "SELECT * FROM imports WHERE kind IN (SELECT value FROM json_each(?1)) AND (?2 IS NULL OR id < ?2) ORDER BY id DESC LIMIT ?3",
  )
    .bind(JSON.stringify(kinds), cursor ?? null, limit + 1)
    .all<ImportRow>();
  return c.json(pageOf(results, limit, (r) => r.id, (r) => presentImport(r)), 200);
};
