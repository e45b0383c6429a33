// The merchant as its invoices name it. One profile per deployment, edited through GET/PUT /v1/settings/seller.
import type { Address } from "../domain/address";

export interface SellerProfile {
  name: string;
  address: Address | null;
  /** VAT (or other tax) identification number, printed on every document when set. */
  vat_id: string | null;
  email: string | null;
}

// Until the merchant fills in the profile, documents say plainly that the seller details are missing rather than
// inventing an address.
export const DEFAULT_SELLER: SellerProfile = { name: "Seller details not set up", address: null, vat_id: null, email: null };

export async function readSeller(db: D1Database): Promise<SellerProfile & { updated_at: number | null }> {
  const row = await db.prepare("SELECT profile, updated_at FROM seller_profile WHERE id = 1").first<{ profile: string; updated_at: number }>();
  return row ? { ...(JSON.parse(row.profile) as SellerProfile), updated_at: row.updated_at } : { ...DEFAULT_SELLER, updated_at: null };
}

/** Changes what later documents say; documents already issued keep the copy they were issued with. */
export async function writeSeller(db: D1Database, profile: SellerProfile) {
  const now = Date.now();
  await db
    .prepare("INSERT INTO seller_profile (id, profile, updated_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET profile = excluded.profile, updated_at = excluded.updated_at")
    .bind(JSON.stringify(profile), now)
    .run();
  return { ...profile, updated_at: now };
}
