// A small store for the audits: orders placed, paid, shipped and cancelled through the API, and ways to break it.
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { auditStock } from "../../src/audit/stock";
import { admin } from "../helpers/client";

export const allocationsOf = async (orderId: string) =>
  (await env.DB.prepare("SELECT id, sku, location_id, quantity, hold_id FROM allocations WHERE order_id = ? ORDER BY id").bind(orderId).all<{
    id: string;
    sku: string;
    location_id: string;
    quantity: number;
    hold_id: string;
  }>()).results;

/** The kinds the stock audit finds for one SKU, sorted. */
export async function stockKinds(sku: string) {
  const audit = await auditStock(env, { sku });
  return audit.discrepancies.map((d) => d.kind).sort();
}

/** The stock audit through the API, as an operator calls it. */
export async function stockAuditViaApi(query: { sku?: string; location_id?: string } = {}) {
  const res = await admin().GET("/v1/audit/stock", { params: { query } });
  expect(res.response.status).toBe(200);
  return res.data!;
}
