// POST /dev/floor: the least any checkout must do, for the bench to compare checkout with (bench/run.ts, "floor").
// One Durable Object call that writes storage, then one D1 batch insert through the same group commit the order's
// batch takes (src/db/together.ts). No auth, no idempotency claim, no catalog, no planning: what checkout spends
// beyond this is what the bench's "ratio to floor" measures.
//
// Not part of the API: a plain Hono route (so not in the OpenAPI document), answering 404 unless ENVIRONMENT is
// "development" (wrangler.toml [vars]; a deployment sets its own), with the same problem as a path nobody serves. It writes only its own things: the FloorCell
// (src/dev/floor-cell.ts) and a table of its own, created on first use (so no migration puts it in production).
import { Hono } from "hono";
import { sql } from "../db/sql";
import { batchTogether } from "../db/together";
import { newId } from "../domain/ids";
import type { AppEnv } from "../env";
import { Problem } from "../http/problem";

const TABLE = "CREATE TABLE IF NOT EXISTS dev_floor_orders (id TEXT PRIMARY KEY, cell TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL)";
// Per isolate: the table exists once this isolate has made sure of it (a round trip only on its first request).
let ready = false;

export const devRoutes = new Hono<AppEnv>();

devRoutes.post("/dev/floor", async (c) => {
  if (c.env.ENVIRONMENT !== "development" || !c.env.FLOOR) throw new Problem(404, "route_not_found", "Not found", `No route serves ${c.req.method} ${c.req.path}.`);
  const body = await c.req.text();
  const now = Date.now();
  const id = newId("flr", now);
  // One cell, like the hot-SKU row; ?cell= spreads the load over several, like the 20-SKU row.
  const cell = c.req.query("cell") ?? "hot";
  if (!ready) {
    await c.env.DB.prepare(TABLE).run();
    ready = true;
  }
  const marks = await c.env.FLOOR.get(c.env.FLOOR.idFromName(cell)).mark(id, 1);
  await batchTogether(c.env.DB, [sql("INSERT INTO dev_floor_orders (id, cell, body, created_at) VALUES (?, ?, ?, ?)", id, cell, body, now)]);
  return c.json({ id, marks }, 201);
});
