// The money audit: silent on paid, authorized and refunded orders; exact about a tampered credit note and totals.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { auditMoney } from "../../src/audit/money";
import { admin, client } from "../helpers/client";
import { makeLocation } from "../helpers/fixtures";
import { cancel, placeOrder } from "../order-changes/world";

// Only the merchant's server (payments:write) may say an order is paid.
const server = () => env.ADMIN_API_KEY!;
let berlin: string;

beforeAll(async () => {
  berlin = await makeLocation("berlin");
});

const kindsOf = async (orderId: string) => (await auditMoney(env, { orderId })).discrepancies.map((d) => d.kind).sort();

describe("the money audit", () => {
  it("finds nothing on a paid order, an authorized one and a paid one refunded by its cancel", async () => {
    const paid = await placeOrder(server(), [[berlin, 5]], 2, { pay: "captured" });
    await placeOrder(server(), [[berlin, 5]], 1, { pay: "authorized" });
    const refunded = await placeOrder(server(), [[berlin, 5]], 3, { pay: "captured" });
    expect((await cancel(refunded.order.id, { reason: "customer asked" })).response.status).toBe(200);

    const res = await admin().GET("/v1/audit/money", { params: { query: {} } });
    expect(res.response.status).toBe(200);
    expect(res.data).toEqual({ checked: { orders: 3, payments: 4, invoices: 2, credit_notes: 1 }, discrepancies: [] });
    expect(await auditMoney(env, { orderId: paid.order.id })).toEqual({ checked: { orders: 1, payments: 1, invoices: 1, credit_notes: 0 }, discrepancies: [] });
  });

  it("reports a credit note that no longer matches its refund", async () => {
    const { order } = await placeOrder(server(), [[berlin, 5]], 2, { pay: "captured" });
    expect((await cancel(order.id, { reason: "customer asked" })).response.status).toBe(200);
    expect(await kindsOf(order.id)).toEqual([]);
    const note = await env.DB.prepare("SELECT id FROM invoices WHERE order_id = ? AND kind = 'credit_note'").bind(order.id).first<{ id: string }>();
    await env.DB.prepare("UPDATE invoices SET total = total - 100, subtotal = subtotal - 100 WHERE id = ?").bind(note!.id).run();
    const audit = await auditMoney(env, { orderId: order.id });
    expect(audit.discrepancies.map((d) => d.kind).sort()).toEqual(["credit_notes_mismatch", "document_mismatch"]);
    expect(audit.discrepancies.find((d) => d.kind === "document_mismatch")).toMatchObject({ severity: "error", order_id: order.id, document_id: note!.id });
  });

  it("reports totals that do not follow from the lines, and a payment status the payments do not bear out", async () => {
    const { order } = await placeOrder(server(), [[berlin, 5]], 2, { pay: "authorized" });
    await env.DB.prepare("UPDATE orders SET total = total + 1 WHERE id = ?").bind(order.id).run();
    expect(await kindsOf(order.id)).toEqual(["order_totals_mismatch"]);
    await env.DB.prepare("UPDATE orders SET total = total - 1, payment_status = 'paid' WHERE id = ?").bind(order.id).run();
    expect(await kindsOf(order.id)).toEqual(["payment_status_mismatch"]);
  });

  it("needs orders:read", async () => {
    const { data } = await admin().POST("/v1/api-keys", { body: { kind: "secret", name: "stock only", scopes: ["inventory:read"] } });
    const res = await client(data!.key).GET("/v1/audit/money", { params: { query: {} } });
    expect(res.response.status).toBe(403);
  });
});
