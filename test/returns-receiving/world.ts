// Open returns of shipped orders, and what the cells say of their units.
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { auditMoney } from "../../src/audit/money";
import { auditStock } from "../../src/audit/stock";
import { admin } from "../helpers/client";
import { createReturn, path, shippedOrder } from "../returns/world";

export { path };

/** A shipped order of `qty` units (5 more stay on hand at its location) and a staff return of `returned` of them: open. */
export async function openReturn(qty = 2, returned = qty) {
  const shipped = await shippedOrder(qty);
  const res = await createReturn(shipped.order.id, [{ order_line_id: shipped.lineId, quantity: returned, reason: "changed_mind" }]);
  expect(res.response.status, JSON.stringify(res.error)).toBe(201);
  const ret = res.data!;
  return { ...shipped, ret, returnLineId: ret.lines[0].id };
}

type Disposition = "restock" | "damaged" | "inspect";
export const receive = (id: string, lines: { return_line_id: string; quantity: number; disposition: Disposition }[], opts: { key?: string; location_id?: string } = {}) =>
  admin().POST("/v1/returns/{id}/receive", {
    params: { path: { id }, header: opts.key ? { "idempotency-key": opts.key } : {} },
    body: { lines, ...(opts.location_id ? { location_id: opts.location_id } : {}) },
  });

export const inspection = (id: string, lines: { return_line_id: string; quantity: number; disposition: "restock" | "damaged" }[], key?: string) =>
  admin().POST("/v1/returns/{id}/inspection", { params: { path: { id }, header: key ? { "idempotency-key": key } : {} }, body: { lines } });

export const level = async (locationId: string, sku: string) =>
  (await admin().GET("/v1/locations/{location_id}/inventory/{sku}", { params: { path: { location_id: locationId, sku } } })).data!;

export const ledger = async (locationId: string, sku: string) =>
  (await admin().GET("/v1/locations/{location_id}/inventory/{sku}/ledger", { params: { path: { location_id: locationId, sku }, query: { limit: 500 } } })).data!.data;

/** The ledger entries customers' returns made. */
export const returnEntries = async (locationId: string, sku: string) => (await ledger(locationId, sku)).filter((e) => e.reason?.startsWith("customer_return"));

export const returnLine = async (id: string) => (await admin().GET("/v1/returns/{id}", path(id))).data!.lines[0];

export async function expectAuditsClean() {
  const stock = await auditStock(env as never);
  expect(stock.discrepancies.filter((d) => d.severity === "error")).toEqual([]);
  const money = await auditMoney(env as never);
  expect(money.discrepancies.filter((d) => d.severity === "error")).toEqual([]);
}
