// One ingest run at a time per channel order. Deliveries of one order (Shopify's create, paid and updated come
// within moments) run side by side in a queue batch; run together they would each find no order and each place one.
// A run claims the channel order with one atomic upsert that succeeds only when nobody holds it or the holder's lease
// has run out; a run that finds it held is told when to come back.
import type { Sql } from "../db/sql";
import { sql } from "../db/sql";

// Far longer than a run takes (a placement is a few round trips); short enough that a run that died holds up the
// order's next delivery only briefly.
export const CLAIM_LEASE_MS = 30_000;

export type Claim = { ok: true; release: Sql } | { ok: false; leaseUntil: number };

export async function claimChannelOrder(db: D1Database, channelId: string, externalId: string, runOf: string, now = Date.now()): Promise<Claim> {
  const holder = `${runOf}:${crypto.randomUUID()}`;
  // The upsert and the read in one transaction: the read says who holds it now, us or the run we must wait for.
  const [, current] = await db.batch<{ holder: string; lease_until: number }>([
    db
      .prepare(
        `INSERT INTO ingest_claims (channel_id, external_id, holder, lease_until) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (channel_id, external_id) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until
         WHERE ingest_claims.lease_until <= ?5`,
      )
      .bind(channelId, externalId, holder, now + CLAIM_LEASE_MS, now),
    db.prepare("SELECT holder, lease_until FROM ingest_claims WHERE channel_id = ? AND external_id = ?").bind(channelId, externalId),
  ]);
  const row = current.results[0];
  if (row?.holder === holder)
    // Only our own claim is given up: one whose lease ran out may be another run's by now.
    return { ok: true, release: sql("DELETE FROM ingest_claims WHERE channel_id = ? AND external_id = ? AND holder = ?", channelId, externalId, holder) };
  return { ok: false, leaseUntil: row?.lease_until ?? now };
}

/** When a run that found the order held comes back: soon at first (runs are short), never later than the lease. */
export function retryDelaySeconds(attempts: number, leaseUntil: number, now = Date.now()) {
  const leaseLeft = Math.ceil((leaseUntil - now) / 1000);
  return Math.max(1, Math.min(2 ** Math.max(0, attempts - 1), leaseLeft));
}
