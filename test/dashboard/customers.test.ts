// The customers screens: search, a customer's orders and store credit, the JSON export, the erasure behind a typed
// confirmation, and no way in for the warehouse.
import { describe, expect, it } from "vitest";
import { admin } from "../helpers/client";
import { paidShipped, processRefund, settledRefunds } from "../refunds/world";
import { path } from "../returns/world";
import { loginAs, text } from "./session";

const customerOf = async (email: string) => (await admin().GET("/v1/customers", { params: { query: { email } } })).data!.data[0];

/** A customer with one shipped order, one unit of it returned and refunded as store credit. */
async function customerWithCredit() {
  const email = `cu${Math.random().toString(36).slice(2, 8)}@example.com`;
  const { order, lineId, loc } = await paidShipped({ qty: 2, price: 1000, email });
  const ret = (await admin().POST("/v1/orders/{id}/returns", { ...path(order.id), body: { lines: [{ order_line_id: lineId, quantity: 1, reason: "defective" }] } })).data!;
  const got = await admin().POST("/v1/returns/{id}/receive", { ...path(ret.id), body: { location_id: loc, lines: [{ return_line_id: ret.lines[0].id, quantity: 1, disposition: "restock" }] } });
  expect(got.response.status).toBe(200);
  expect((await processRefund(ret.id, { store_credit_amount: 1000 })).response.status).toBe(201);
  await settledRefunds(order.id);
  return { email, order, customer: await customerOf(email) };
}

describe("the customers screens", () => {
  it("support finds a customer by the start of the email and opens their orders and store credit", async () => {
    const { email, order, customer } = await customerWithCredit();
    const support = await loginAs("support");

    const found = await support.get(`/admin/customers?q=${encodeURIComponent(email.slice(0, 6))}`);
    expect(found.status).toBe(200);
    expect(found.html).toContain(`href="/admin/customers/${customer.id}"`);
    expect(text(found.html)).toContain(email);
    const exact = await support.get(`/admin/customers?q=${encodeURIComponent(email.toUpperCase())}`);
    expect(exact.html).toContain(`href="/admin/customers/${customer.id}"`);
    expect(exact.html.match(/href="\/admin\/customers\/[^"]+"/g)).toHaveLength(1); // only this customer
    const other = await support.get(`/admin/customers?q=nobody-${Math.random().toString(36).slice(2, 8)}`);
    expect(text(other.html)).toContain("No customer matches.");

    const detail = await support.get(`/admin/customers/${customer.id}`);
    const page = text(detail.html);
    expect(page).toContain(`Email ${email}`);
    expect(page).toContain("Ada Shopper");
    expect(detail.html).toContain(`href="/admin/orders/${order.id}"`);
    expect(page).toContain(`#${order.number}`);
    expect(page).toMatch(/Store credit €10\.00/);
    expect(page).toMatch(/refund €10\.00/);
  });

  it("exports the customer's data as a JSON download, and erases them only once their email is typed", async () => {
    const { email, order, customer } = await customerWithCredit();
    const manager = await loginAs("manager");

    const exported = await manager.get(`/admin/customers/${customer.id}/export`);
    expect(exported.status).toBe(200);
    expect(exported.res.headers.get("content-type")).toContain("application/json");
    expect(exported.res.headers.get("content-disposition")).toBe(`attachment; filename="customer-${customer.id}.json"`);
    const data = JSON.parse(exported.html);
    expect(data.customer).toMatchObject({ id: customer.id, email });
    expect(data.orders.map((o: { id: string }) => o.id)).toEqual([order.id]);

    const slip = await manager.post(`/admin/customers/${customer.id}/erase`, { confirm: "someone@else.test" });
    expect(text((await manager.follow(slip)).html)).toContain("Nothing erased: type the customer's email exactly to confirm.");
    expect((await admin().GET("/v1/customers/{id}", path(customer.id))).data!).toMatchObject({ email, erased_at: null });

    const erase = await manager.post(`/admin/customers/${customer.id}/erase`, { confirm: email.toUpperCase() });
    const after = text((await manager.follow(erase)).html);
    expect(after).toContain("Customer erased.");
    expect(after).toContain("Personal data erased");
    expect(after).not.toContain(email);
    expect(after).not.toContain("Erase personal data");
    const stored = (await admin().GET("/v1/customers/{id}", path(customer.id))).data!;
    expect(stored.erased_at).not.toBeNull();
    expect(stored.email).toBe(`erased-${customer.id}@invalid`);
  });

  it("a warehouse user may not open customers", async () => {
    const { customer } = await customerWithCredit();
    const warehouse = await loginAs("warehouse");
    for (const url of ["/admin/customers", `/admin/customers/${customer.id}`, `/admin/customers/${customer.id}/export`]) {
      const res = await warehouse.get(url);
      expect(res.status, url).toBe(403);
      expect(text(res.html)).not.toContain(customer.email);
    }
    expect((await warehouse.post(`/admin/customers/${customer.id}/erase`, { confirm: customer.email })).status).toBe(403);
    expect((await admin().GET("/v1/customers/{id}", path(customer.id))).data!.erased_at).toBeNull();
    const nav = await warehouse.get("/admin/returns");
    expect(nav.status).toBe(200);
    expect(nav.html).not.toContain('href="/admin/customers"');
  });
});
