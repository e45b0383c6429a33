// Carrier accounts in D1. The API key goes in and is read only by the adapters (accountsServing, accountById);
// what routes return is built by viewOf, which has no key to give.
import type { CarrierAccount } from "../carriers/carrier";
import type { z } from "@hono/zod-openapi";
import type { CarrierAccount as View } from "./schemas";

export interface AccountRow {
  id: string;
  provider: "easypost" | "shippo" | "own";
  name: string;
  api_key: string | null;
  api_key_hint: string | null;
  base_url: string | null;
  location_ids: string;
  services: string;
  poll: number;
  active: number;
  version: number;
  created_at: number;
  updated_at: number;
}

export const viewOf = (r: AccountRow): z.infer<typeof View> => ({
  id: r.id,
  provider: r.provider,
  name: r.name,
  api_key_hint: r.api_key_hint,
  base_url: r.base_url,
  location_ids: JSON.parse(r.location_ids) as string[],
  services: JSON.parse(r.services) as string[],
  poll: r.poll === 1,
  active: r.active === 1,
  created_at: r.created_at,
  updated_at: r.updated_at,
});

export const accountOf = (r: AccountRow): CarrierAccount => ({
  id: r.id,
  provider: r.provider,
  name: r.name,
  apiKey: r.api_key,
  baseUrl: r.base_url,
  locationIds: JSON.parse(r.location_ids) as string[],
  services: JSON.parse(r.services) as string[],
  poll: r.poll === 1,
});

export const hintOf = (key: string) => key.slice(-4);

export const accountRow = (db: D1Database, id: string) => db.prepare("SELECT * FROM carrier_accounts WHERE id = ?").bind(id).first<AccountRow>();

/** Active accounts that ship from `locationId`, oldest first (a stable order for equal rates). */
export async function accountsServing(db: D1Database, locationId: string): Promise<CarrierAccount[]> {
  const { results } = await db
    .prepare(
      `SELECT * FROM carrier_accounts WHERE active = 1
         AND (location_ids = '[]' OR EXISTS (SELECT 1 FROM json_each(location_ids) WHERE value = ?))
       ORDER BY created_at, id`,
    )
    .bind(locationId)
    .all<AccountRow>();
  return results.map(accountOf);
}

export async function accountById(db: D1Database, id: string): Promise<CarrierAccount | null> {
  const row = await accountRow(db, id);
  return row ? accountOf(row) : null;
}
