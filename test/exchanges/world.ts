// Exchanges on shipped orders: the return, the exchange, the receive, and both audits at the end.
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { auditMoney } from "../../src/audit/money";
import { auditStock } from "../../src/audit/stock";
import { admin, client } from "../helpers/client";
import { publishableKey } from "../helpers/fixtures";
import { path } from "../returns/world";

export const cell = async (locationId: string, sku: string) =>
  (await admin().GET("/v1/locations/{location_id}/inventory/{sku}", { params: { path: { location_id: locationId, sku } } })).data!;

export const exchange = (returnId: string, items: { sku: string; quantity: number; unit_price?: number }[], location_id?: string) =>
  admin().POST("/v1/returns/{id}/exchange", { ...path(returnId), body: { items, ...(location_id ? { location_id } : {}) } });

export const exchangeOf = async (returnId: string) => (await admin().GET("/v1/returns/{id}/exchange", path(returnId))).data!;

/** A return the shopper asked for: it waits for staff. */
export async function requestedReturn(order: { number: number }, email: string, lineId: string, quantity = 1) {
  const asked = await client(await publishableKey()).POST("/v1/order-lookup/returns", {
    body: { number: order.number, email, lines: [{ order_line_id: lineId, quantity, reason: "size_too_small" }] },
  });
  expect(asked.response.status, JSON.stringify(asked.error)).toBe(201);
  expect(asked.data!.status).toBe("requested");
  return asked.data!;
}

export async function receiveAll(ret: { id: string; lines: { id: string; quantity: number }[] }) {
  const res = await admin().POST("/v1/returns/{id}/receive", {
    ...path(ret.id),
    body: { lines: ret.lines.map((l) => ({ return_line_id: l.id, quantity: l.quantity, disposition: "restock" as const })) },
  });
  expect(res.response.status, JSON.stringify(res.error)).toBe(200);
}

export async function expectAuditsClean(orderId: string) {
  const stock = await auditStock(env);
  expect(stock.discrepancies.filter((d) => d.severity === "error")).toEqual([]);
  const money = await auditMoney(env, { orderId });
  expect(money.discrepancies).toEqual([]);
}

export const outbox = async (orderId: string, type: string) =>
  (await env.DB.prepare("SELECT data FROM events WHERE order_id = ? AND type = ?").bind(orderId, type).all<{ data: string }>()).results.map((r) => JSON.parse(r.data) as Record<string, unknown>);
