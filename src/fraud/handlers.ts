import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { addEntry, listEntries, removeEntry } from "./blocklist";
import type * as routes from "./routes";
import { forgetFraudSettings, fraudSettings } from "./settings";

export const getRules: RouteHandler<typeof routes.getRules, AppEnv> = async (c) => {
  forgetFraudSettings(); // staff read what is stored, not this isolate's copy
  return c.json((await fraudSettings(c.env.DB)).rules, 200);
};

export const putRules: RouteHandler<typeof routes.putRules, AppEnv> = async (c) => {
  const rules = c.req.valid("json");
  await c.env.DB.prepare("UPDATE fraud_settings SET rules = ?, version = version + 1, updated_at = ? WHERE id = 1").bind(JSON.stringify(rules), Date.now()).run();
  forgetFraudSettings();
  return c.json(rules, 200);
};

export const list: RouteHandler<typeof routes.listBlockList, AppEnv> = async (c) => c.json(await listEntries(c.env.DB, c.req.valid("query")), 200);

export const add: RouteHandler<typeof routes.addToBlockList, AppEnv> = async (c) => c.json(await addEntry(c.env.DB, c.req.valid("json")), 201);

export const remove: RouteHandler<typeof routes.removeFromBlockList, AppEnv> = async (c) => {
  await removeEntry(c.env.DB, c.req.valid("param").id);
  return c.body(null, 204);
};
