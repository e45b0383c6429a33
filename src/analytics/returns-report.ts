// Reads of the return rollups over a range, summed per group. Rates are divided here, over the range's sums, so a
// SKU's rate over a month is its month's returns over its month's shipments, not a mean of daily rates.
import type { z } from "@hono/zod-openapi";
import type { RETURN_GROUPS, RefundsDay, ReturnsRow } from "./schemas";

type Group = (typeof RETURN_GROUPS)[number];
const COLUMN: Record<Group, string> = { day: "day", sku: "sku", reason: "reason", channel: "channel_id" };

interface Filter {
  from: string;
  to: string;
  group_by: Group;
  channel_id?: string;
  sku?: string;
}

export async function returnsReport(db: D1Database, q: Filter): Promise<z.infer<typeof ReturnsRow>[]> {
  const where = "day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR channel_id = ?3) AND (?4 IS NULL OR sku = ?4)";
  const col = COLUMN[q.group_by];
  // Shipments have no reason: by reason, every row divides by all units shipped.
  const shippedKey = q.group_by === "reason" ? "''" : col;
  const args = [q.from, q.to, q.channel_id ?? null, q.sku ?? null];
  const [returned, shipped] = await db.batch<{ k: string; returned?: number; received?: number; restocked?: number; units?: number }>([
    db
      .prepare(`SELECT ${col} AS k, SUM(returned_units) AS returned, SUM(received_units) AS received, SUM(restocked_units) AS restocked
                FROM analytics_return_daily WHERE ${where} GROUP BY k`)
      .bind(...args),
    db.prepare(`SELECT ${shippedKey} AS k, SUM(units) AS units FROM analytics_shipped_units_daily WHERE ${where} GROUP BY k`).bind(...args),
  ]);
  const shippedOf = new Map(shipped.results.map((s) => [s.k, s.units ?? 0]));
  const returnedOf = new Map(returned.results.map((r) => [r.k, r]));
  const keys = q.group_by === "reason" ? [...returnedOf.keys()] : [...new Set([...returnedOf.keys(), ...shippedOf.keys()])];
  return keys.sort().map((k) => {
    const r = returnedOf.get(k);
    const returnedUnits = r?.returned ?? 0;
    const receivedUnits = r?.received ?? 0;
    const restockedUnits = r?.restocked ?? 0;
    const shippedUnits = shippedOf.get(q.group_by === "reason" ? "" : k) ?? 0;
    return {
      day: q.group_by === "day" ? k : null,
      sku: q.group_by === "sku" ? k : null,
      reason: q.group_by === "reason" ? k : null,
      channel_id: q.group_by === "channel" ? k : null,
      returned_units: returnedUnits,
      shipped_units: shippedUnits,
      return_rate: shippedUnits ? returnedUnits / shippedUnits : null,
      received_units: receivedUnits,
      restocked_units: restockedUnits,
      restock_rate: receivedUnits ? restockedUnits / receivedUnits : null,
    };
  });
}

export async function refundsReport(db: D1Database, q: { from: string; to: string; channel_id?: string }): Promise<z.infer<typeof RefundsDay>[]> {
  const { results } = await db
    .prepare(
      `SELECT day, channel_id, currency, refunds, refund_value, store_credit_value, return_refunds, request_to_refund_total_ms,
              request_to_refund_p50_ms, request_to_refund_p90_ms
       FROM analytics_refund_daily WHERE day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR channel_id = ?3) ORDER BY day, channel_id, currency`,
    )
    .bind(q.from, q.to, q.channel_id ?? null)
    .all<Omit<z.infer<typeof RefundsDay>, "request_to_refund_avg_ms"> & { request_to_refund_total_ms: number }>();
  return results.map(({ request_to_refund_total_ms: total, ...r }) => ({
    ...r,
    request_to_refund_avg_ms: r.return_refunds ? Math.round(total / r.return_refunds) : null,
  }));
}
