// The merchant's return policy, read from D1 on the request that needs it (returns are rare next to checkouts: no cache).
import type { Sql } from "../db/sql";
import { sql } from "../db/sql";
import { DEFAULT_RETURN_POLICY, ReturnPolicy, type ReturnPolicyView, type StoredReturnPolicyView } from "./schemas";

export async function returnPolicy(db: D1Database): Promise<StoredReturnPolicyView> {
  const row = await db.prepare("SELECT policy, version, updated_at FROM return_policy WHERE id = 1").first<{ policy: string; version: number; updated_at: number }>();
  if (!row) return { ...DEFAULT_RETURN_POLICY, version: 0, updated_at: null };
  // Stored by saveReturnPolicy after validation; a field added later takes its default.
  const policy = ReturnPolicy.safeParse({ ...DEFAULT_RETURN_POLICY, ...JSON.parse(row.policy) });
  return { ...(policy.success ? policy.data : DEFAULT_RETURN_POLICY), version: row.version, updated_at: row.updated_at };
}

export const saveReturnPolicySql = (policy: ReturnPolicyView, at: number): Sql =>
  sql(
    `INSERT INTO return_policy (id, policy, version, updated_at) VALUES (1, ?1, 1, ?2)
     ON CONFLICT (id) DO UPDATE SET policy = ?1, version = version + 1, updated_at = ?2`,
    JSON.stringify(policy),
    at,
  );

export async function saveReturnPolicy(db: D1Database, policy: ReturnPolicyView): Promise<StoredReturnPolicyView> {
  const s = saveReturnPolicySql(policy, Date.now());
  await db.prepare(s.sql).bind(...s.params).run();
  return returnPolicy(db);
}

/** The window that applies to an order of this channel. */
export const windowDaysFor = (p: ReturnPolicyView, channelId: string) => p.channel_window_days[channelId] ?? p.window_days;
