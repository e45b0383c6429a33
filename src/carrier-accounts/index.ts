// Carrier accounts as merchant settings: which EasyPost / Shippo account (or the own courier) serves which location
// and services. Keys are write-only.
import { newId } from "../domain/ids";
import { conflict, notFound, unprocessable } from "../http/problem";
import { createRouter } from "../http/router";
import * as routes from "./routes";
import { accountRow, hintOf, viewOf, type AccountRow } from "./store";

const missing = () => notFound("carrier_account_not_found", "No carrier account has this id.");

async function checkLocations(db: D1Database, ids: string[] | undefined) {
  if (!ids?.length) return;
  const { results } = await db.prepare("SELECT id FROM locations WHERE id IN (SELECT value FROM json_each(?))").bind(JSON.stringify(ids)).all<{ id: string }>();
  const known = new Set(results.map((r) => r.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) throw unprocessable("unknown_location", `No location has the id ${unknown.join(", ")}.`, { location_ids: unknown });
}

function checkKey(provider: AccountRow["provider"], key: string | null | undefined) {
  if (provider === "own" && key) throw unprocessable("api_key_not_used", "The own courier has no API key.");
  if (provider !== "own" && !key) throw unprocessable("api_key_required", `A ${provider} account needs its API key.`);
}

export const carrierAccountRoutes = createRouter()
  .openapi(routes.createCarrierAccount, async (c) => {
    const input = c.req.valid("json");
    checkKey(input.provider, input.api_key);
    await checkLocations(c.env.DB, input.location_ids);
    const now = Date.now();
    const row = await c.env.DB.prepare(
      `INSERT INTO carrier_accounts (id, provider, name, api_key, api_key_hint, base_url, location_ids, services, poll, active, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING *`,
    )
      .bind(newId("car", now), input.provider, input.name, input.api_key ?? null, input.api_key ? hintOf(input.api_key) : null, input.base_url ?? null,
        JSON.stringify(input.location_ids), JSON.stringify(input.services), input.poll ? 1 : 0, input.active ? 1 : 0, now, now)
      .first<AccountRow>();
    return c.json(viewOf(row!), 201);
  })
  .openapi(routes.listCarrierAccounts, async (c) => {
    const { results } = await c.env.DB.prepare("SELECT * FROM carrier_accounts ORDER BY created_at, id").all<AccountRow>();
    return c.json({ data: results.map(viewOf) }, 200);
  })
  .openapi(routes.getCarrierAccount, async (c) => {
    const row = await accountRow(c.env.DB, c.req.valid("param").id);
    if (!row) throw missing();
    return c.json(viewOf(row), 200);
  })
  .openapi(routes.updateCarrierAccount, async (c) => {
    const id = c.req.valid("param").id;
    const patch = c.req.valid("json");
    const row = await accountRow(c.env.DB, id);
    if (!row) throw missing();
    if (patch.api_key !== undefined) checkKey(row.provider, patch.api_key);
    await checkLocations(c.env.DB, patch.location_ids);
    const set: Record<string, unknown> = {};
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.api_key !== undefined) Object.assign(set, { api_key: patch.api_key, api_key_hint: hintOf(patch.api_key) });
    if (patch.base_url !== undefined) set.base_url = patch.base_url;
    if (patch.location_ids !== undefined) set.location_ids = JSON.stringify(patch.location_ids);
    if (patch.services !== undefined) set.services = JSON.stringify(patch.services);
    if (patch.poll !== undefined) set.poll = patch.poll ? 1 : 0;
    if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
    const columns = Object.keys(set);
    const updated = await c.env.DB.prepare(
      `UPDATE carrier_accounts SET ${columns.map((k) => `${k} = ?`).join(", ")}${columns.length ? ", " : ""}updated_at = ?, version = version + 1 WHERE id = ? RETURNING *`,
    )
      .bind(...columns.map((k) => set[k]), Date.now(), id)
      .first<AccountRow>();
    return c.json(viewOf(updated!), 200);
  })
  .openapi(routes.deleteCarrierAccount, async (c) => {
    const id = c.req.valid("param").id;
    if (!(await accountRow(c.env.DB, id))) throw missing();
    const used = await c.env.DB.prepare("SELECT 1 FROM fulfillments WHERE carrier_account_id = ? LIMIT 1").bind(id).first();
    if (used) throw conflict("carrier_account_in_use", "Labels were bought with this account; it is still needed to void and track them. Set active: false instead.");
    await c.env.DB.prepare("DELETE FROM carrier_accounts WHERE id = ?").bind(id).run();
    return c.body(null, 204);
  });
