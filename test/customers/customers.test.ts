// Customers built from orders: one per email, with the addresses, spend and history their orders show; admin search.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { admin, client, raw } from "../helpers/client";
import { type Desk, detail, email, makeDesk, placeOrder } from "../orders/desk";

let d: Desk;
beforeAll(async () => {
  d = await makeDesk();
});

const customer = async (id: string) => {
  const res = await admin().GET("/v1/customers/{id}", { params: { path: { id } } });
  expect(res.response.status).toBe(200);
  return res.data!;
};

describe("customers from orders", () => {
  it("links every order of one email (any case) to one customer, named by the latest order", async () => {
    const who = email("linked");
    const first = await placeOrder(d, { email: who, name: "Ada Early", price: 1500, billing: true });
    const second = await placeOrder(d, { email: who.toUpperCase(), name: "Ada Later", phone: "+49 30 1234567", price: 700, paid: true });
    const other = await placeOrder(d, { email: email("other") });

    const id = (await detail(first.order.id)).customer_id!;
    expect(id).toMatch(/^cus_/);
    expect((await detail(second.order.id)).customer_id).toBe(id);
    expect((await detail(other.order.id)).customer_id).not.toBe(id);

    const c = await customer(id);
    expect(c).toMatchObject({ email: who, name: "Ada Later", phone: "+49 30 1234567", orders_count: 2, erased_at: null });
    expect(c.first_order_at).toBe(first.order.created_at);
    expect(c.last_order_at).toBe(second.order.created_at);
    expect(c.recent_orders.map((o) => o.number)).toEqual([second.order.number, first.order.number]);
    expect(c.spent).toEqual([{ currency: "EUR", amount: 2200 }]);
    // Shipping of each order plus the first order's billing address; coordinates are not part of an address book.
    expect(c.addresses.map((a) => [a.address.name, a.address.line1, a.kinds])).toEqual([
      ["Ada Later", "2 Side Street", ["shipping"]],
      ["Ada Early", "2 Side Street", ["shipping"]],
      ["Ada Early", "9 Billing Road 2 Side Street", ["billing"]],
    ]);
    expect(c.addresses[0].address).not.toHaveProperty("latitude");

    const history = await admin().GET("/v1/orders", { params: { query: { customer_id: id } } });
    expect(history.data!.data.map((o) => o.number)).toEqual([second.order.number, first.order.number]);
  });

  it("finds customers by exact email, by the start of the email or of the name", async () => {
    const who = email("zelda");
    await placeOrder(d, { email: who, name: "Zelda Quartermaine" });
    const find = async (query: Record<string, string | number>) =>
      (await admin().GET("/v1/customers", { params: { query: query as never } })).data!.data.map((c) => c.email);
    expect(await find({ email: who.toUpperCase() })).toEqual([who]);
    expect(await find({ q: who.slice(0, 8) })).toContain(who);
    expect(await find({ q: "zelda q" })).toEqual([who]);
    expect(await find({ q: "QUARTER" })).toEqual([]);
    expect(await find({ q: "nobody-like-this" })).toEqual([]);

    const page = await admin().GET("/v1/customers", { params: { query: { limit: 1 } } });
    expect(page.data!.data).toHaveLength(1);
    const next = await admin().GET("/v1/customers", { params: { query: { limit: 1, cursor: page.data!.next_cursor! } } });
    expect(next.data!.data[0].id < page.data!.data[0].id).toBe(true);
  });

  it("answers 400 for a bad search, 404 for an unknown customer, 403 to a storefront key", async () => {
    for (const q of ["q=a", "limit=0", `email=${"x".repeat(300)}`]) {
      const res = await raw(`/v1/customers?${q}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe("validation_failed");
    }
    const missing = await admin().GET("/v1/customers/{id}", { params: { path: { id: "cus_nope" } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ code: "customer_not_found" });
    expect((await client(d.pk).GET("/v1/customers", { params: { query: {} } })).response.status).toBe(403);
    const { order } = await placeOrder(d, { email: email() });
    const id = (await detail(order.id)).customer_id!;
    expect((await client(d.pk).GET("/v1/customers/{id}/export", { params: { path: { id } } })).response.status).toBe(403);
    expect((await client(d.pk).POST("/v1/customers/{id}/erase", { params: { path: { id } } })).response.status).toBe(403);
    expect(await env.DB.prepare("SELECT erased_at FROM customers WHERE id = ?").bind(id).first("erased_at")).toBeNull();
  });
});
