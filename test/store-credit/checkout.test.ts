// Store credit as a checkout's payment: only the merchant's server may use it, only for the customer of the order's
// email, never more than is left (two checkouts at once: one is paid), and a refund of such an order gives it back.
import { describe, expect, it } from "vitest";
import { auditMoney } from "../../src/audit/money";
import { env } from "cloudflare:workers";
import { admin, client, key } from "../helpers/client";
import { makeLocation, makeProduct, publishableKey, receive, shipTo } from "../helpers/fixtures";
import { orderOf, path } from "../order-changes/world";

const balance = async (customerId: string) => (await admin().GET("/v1/customers/{id}/store-credit", path(customerId))).data!.balances[0]?.balance ?? 0;

async function customerWithCredit(email: string, credit: number) {
  const loc = await makeLocation("berlin");
  const [sku] = await makeProduct([credit]);
  await receive(sku, loc, 50);
  const paid = await admin().POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key() } },
    body: { email, currency: "EUR", lines: [{ sku, quantity: 1 }], shipping_address: shipTo("berlin"), payment: { provider: "psp", reference: `pi_${Math.random().toString(36).slice(2)}`, amount: credit, captured: true } },
  });
  const refund = await admin().POST("/v1/orders/{id}/refunds", { ...path(paid.data!.id), body: { kind: "goodwill", amount: credit, store_credit_amount: credit } });
  expect(refund.response.status).toBe(201);
  return { customerId: (await orderOf(paid.data!.id)).customer_id!, sku };
}

const payWithCredit = (sku: string, email: string, customerId: string, amount: number, apiKey = env.ADMIN_API_KEY) =>
  client(apiKey).POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key() } },
    body: { email, currency: "EUR", lines: [{ sku, quantity: 1 }], shipping_address: shipTo("berlin"), payment: { provider: "store_credit", reference: customerId, amount, captured: true } },
  });

describe("store credit at checkout", () => {
  it("pays an order of the customer's email once, and a cancel gives the credit back", async () => {
    const email = `sc${Math.random().toString(36).slice(2, 8)}@example.com`;
    const { customerId, sku } = await customerWithCredit(email, 1500);
    expect(await balance(customerId)).toBe(1500);

    const pk = await publishableKey();
    expect((await payWithCredit(sku, email, customerId, 1500, pk)).response.status).toBe(403);
    expect((await payWithCredit(sku, "other@example.com", customerId, 1500)).error).toMatchObject({ code: "store_credit_not_this_customers" });

    // Two checkouts at once for all of it: one is paid, the other refused; the balance never goes below zero.
    const both = await Promise.all([payWithCredit(sku, email, customerId, 1500), payWithCredit(sku, email, customerId, 1500)]);
    const statuses = both.map((r) => r.response.status).sort();
    expect(statuses[0]).toBe(201);
    expect(statuses[1]).toBeGreaterThanOrEqual(409);
    expect(statuses[1]).toBeLessThan(500);
    expect(await balance(customerId)).toBe(0);
    const order = both.find((r) => r.response.status === 201)!.data!;
    expect(order.payment_status).toBe("paid");

    const cancelled = await admin().POST("/v1/orders/{id}/cancel", { ...path(order.id), body: { reason: "changed mind" } });
    expect(cancelled.data).toMatchObject({ status: "cancelled", payment_status: "refunded" });
    expect(cancelled.data!.payments.find((p) => p.kind === "refund")).toMatchObject({ provider: "store_credit", status: "succeeded" });
    expect(await balance(customerId)).toBe(1500);
    expect((await auditMoney(env, { orderId: order.id })).discrepancies).toEqual([]);
  });
});
