// The order list: filters and search kept in the URL, views (usual and saved), paging, bulk actions, CSV export,
// the merged print PDF, and who may open it. Also the API's free-text `q` filter the search box uses.
import { env } from "cloudflare:workers";
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../src/domain/import-file";
import { admin, BASE, key, raw } from "../helpers/client";
import { makeLocation, makeProduct, receive, shipTo } from "../helpers/fixtures";
import { labelled } from "../fulfillment/world";
import { fulfillmentsOf, orderOf } from "../order-changes/world";
import { type Browser, loginAs, text, visit } from "./session";

let berlin: string;
beforeAll(async () => {
  berlin = await makeLocation("berlin", { priority: 1 });
});

const unique = (label: string) => `${label}${Math.random().toString(36).slice(2, 8)}`;

/** A paid (captured) order of `qty` units of a fresh SKU, stocked at Berlin. */
async function paidOrder(opts: { email?: string; name?: string; qty?: number; captured?: boolean } = {}) {
  const qty = opts.qty ?? 1;
  const [sku] = await makeProduct([1500]);
  await receive(sku, berlin, qty);
  const res = await admin().POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key() } },
    body: {
      email: opts.email ?? `${unique("buyer")}@example.com`,
      currency: "EUR",
      lines: [{ sku, quantity: qty }],
      shipping_address: { ...shipTo("berlin"), name: opts.name ?? "Ada Shopper" },
      payment: { provider: "test", reference: `tp_${Math.random().toString(36).slice(2)}`, amount: 1500 * qty, captured: opts.captured ?? true },
    },
  });
  expect(res.response.status).toBe(201);
  return { sku, order: res.data! };
}

const hold = (id: string, reason = "check") => admin().POST("/v1/orders/{id}/hold", { params: { path: { id } }, body: { kind: "manual", reason } });
const cancel = (id: string) => admin().POST("/v1/orders/{id}/cancel", { params: { path: { id } }, body: { reason: "test" } });
/** The orders a list page shows, by the number in each row's link. */
const numbersOn = (html: string) => [...html.matchAll(/<a href="\/admin\/orders\/[^"]+">#(\d+)<\/a>/g)].map((m) => Number(m[1]));

describe("the order list", () => {
  it("filters by status and finds orders by number, email, name and SKU, with the values kept in the form", async () => {
    const email = `${unique("grace")}@example.com`;
    const held = await paidOrder({ email, name: "Grace Hopper-Smith" });
    const open = await paidOrder();
    expect((await hold(held.order.id)).response.status).toBe(200);
    const b = await loginAs("support");

    const onHold = await b.get("/admin/orders?status=on_hold");
    expect(onHold.status).toBe(200);
    expect(numbersOn(onHold.html)).toContain(held.order.number);
    expect(numbersOn(onHold.html)).not.toContain(open.order.number);
    expect(onHold.html).toMatch(/<option value="on_hold" selected>/);
    expect(onHold.html).toContain('data-refresh="15"');

    for (const q of [email.slice(0, 10).toUpperCase(), "hopper-sm", held.sku.toLowerCase(), `#${held.order.number}`]) {
      const found = await b.get(`/admin/orders?q=${encodeURIComponent(q)}`);
      expect(numbersOn(found.html), q).toContain(held.order.number);
      expect(numbersOn(found.html), q).not.toContain(open.order.number);
      expect(found.html).toContain(`name="q" type="search" value="${q.replaceAll('"', "&quot;")}"`);
    }
    const page = text((await b.get(`/admin/orders?q=${encodeURIComponent(email)}`)).html);
    expect(page).toContain("Grace Hopper-Smith");
    expect(page).toContain(email);
    expect(page).toContain("€15.00");
  });

  it("shows the API's refusal of a bad filter", async () => {
    const b = await loginAs("manager");
    const res = await b.get("/admin/orders?number=abc");
    expect(res.status).toBe(400);
    expect(text(res.html)).toMatch(/number/);
  });

  it("offers the usual views as tabs, marking the current one", async () => {
    const b = await loginAs("manager");
    const res = await b.get("/admin/orders?payment_status=authorized");
    for (const tab of ["All", "Unfulfilled", "On hold", "To capture", "Cancelled"]) expect(res.html).toContain(`>${tab}</a>`);
    expect(res.html).toContain('<a href="/admin/orders?payment_status=authorized" aria-current="page">To capture</a>');
    expect(res.html).toContain('<a href="/admin/orders?fulfillment_status=unfulfilled&amp;status=open">Unfulfilled</a>');

    const authorized = await paidOrder({ captured: false });
    const captured = await paidOrder();
    const list = numbersOn((await b.get("/admin/orders?payment_status=authorized")).html);
    expect(list).toContain(authorized.order.number);
    expect(list).not.toContain(captured.order.number);
  });

  it("pages with the API's cursor, keeping the filters", async () => {
    const email = `${unique("pages")}@example.com`;
    const orders = [await paidOrder({ email }), await paidOrder({ email }), await paidOrder({ email })];
    const b = await loginAs("support");
    const first = await b.get(`/admin/orders?email=${encodeURIComponent(email)}&limit=2`);
    expect(numbersOn(first.html)).toEqual([orders[2].order.number, orders[1].order.number]);
    const next = first.html.match(/<a href="([^"]+)" rel="next">/)?.[1].replaceAll("&amp;", "&");
    expect(next).toContain("cursor=");
    const second = await b.get(next!);
    expect(numbersOn(second.html)).toEqual([orders[0].order.number]);
    expect(second.html).not.toContain('rel="next"');
  });

  it("saves the current filters as a named view, lists it as a tab, and deletes it", async () => {
    const b = await loginAs("manager");
    const saved = await b.post("/admin/orders/views", { name: "Big open ones", query: "status=open&sort=total&cursor=zzz" });
    expect(saved.location).toBe("/admin/orders?sort=total&status=open");
    const page = await b.follow(saved);
    expect(text(page.html)).toContain("View “Big open ones” saved.");
    expect(page.html).toContain('<a href="/admin/orders?sort=total&amp;status=open" aria-current="page">Big open ones</a>');
    const row = await env.DB.prepare("SELECT id, query FROM staff_saved_views WHERE user_id = ?").bind(b.userId).first<{ id: string; query: string }>();
    expect(row!.query).toBe("sort=total&status=open");

    // Another staff member neither sees it nor can delete it.
    const other = await loginAs("manager");
    expect((await other.get("/admin/orders")).html).not.toContain("Big open ones");
    expect(text((await other.follow(await other.post(`/admin/orders/views/${row!.id}/delete`))).html)).toContain("No such view of yours.");

    const gone = await b.follow(await b.post(`/admin/orders/views/${row!.id}/delete`));
    expect(text(gone.html)).toContain("View deleted.");
    expect(gone.html).not.toContain(">Big open ones</a>");
    expect(await env.DB.prepare("SELECT id FROM staff_saved_views WHERE user_id = ?").bind(b.userId).first()).toBeNull();
  });

  it("holds, tags and releases the checked orders one by one, summing up what each refused", async () => {
    const a = await paidOrder();
    const c = await paidOrder();
    const gone = await paidOrder();
    expect((await cancel(gone.order.id)).response.status).toBe(200);
    const b = await loginAs("support");
    const back = "/admin/orders?status=on_hold";

    const held = await b.post("/admin/orders/bulk", { action: "hold", reason: "address check", order: [a.order.id, c.order.id, gone.order.id], back });
    expect(held.location).toBe(back);
    const page = text((await b.follow(held)).html);
    const refusal = (await raw(`/v1/orders/${gone.order.id}/hold`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ kind: "manual" }) }).then((r) => r.json())) as { detail: string };
    expect(page).toContain(`2 held, 1 refused: #${gone.order.number}: ${refusal.detail}`);
    for (const o of [a, c]) {
      const now = await orderOf(o.order.id);
      expect(now.status).toBe("on_hold");
      expect(now.hold).toEqual({ kind: "manual", reason: "address check" });
    }

    const tagged = await b.follow(await b.post("/admin/orders/bulk", { action: "tag", tag: "Priority", order: [a.order.id, c.order.id], back }));
    expect(text(tagged.html)).toContain("2 tagged");
    expect((await orderOf(a.order.id)).tags).toEqual(["priority"]);

    const released = await b.follow(await b.post("/admin/orders/bulk", { action: "release", order: [a.order.id, c.order.id], back }));
    expect(text(released.html)).toContain("2 released");
    expect((await orderOf(a.order.id)).status).toBe("open");
    expect((await orderOf(c.order.id)).events.filter((e) => e.type === "order.hold_released").map((e) => e.actor)).toEqual([`staff:${b.email}`]);

    // Enter in the hold reason submits with the form's first button (Add tag), the tag field empty: that is a hold.
    const entered = await b.follow(await b.post("/admin/orders/bulk", { action: "tag", tag: "", reason: "fraud check", order: [a.order.id], back }));
    expect(text(entered.html)).toContain("1 held");
    expect((await orderOf(a.order.id)).hold).toEqual({ kind: "manual", reason: "fraud check" });

    const none = await b.follow(await b.post("/admin/orders/bulk", { action: "hold", back }));
    expect(text(none.html)).toContain("Check at least one order first.");
  });

  it("prints the packing slips and labels of the checked orders as one PDF", async () => {
    const one = await paidOrder();
    const two = await paidOrder({ qty: 2 });
    const shipments = [(await fulfillmentsOf(one.order.id, 1))[0], (await fulfillmentsOf(two.order.id, 1))[0]];
    for (const f of shipments) await labelled(f.id);
    let expected = 0;
    for (const f of shipments)
      for (const paper of ["packing-slip", "label"]) {
        const res = await raw(`/v1/fulfillments/${f.id}/${paper}`);
        expect(res.status).toBe(200);
        expected += (await PDFDocument.load(await res.arrayBuffer())).getPageCount();
      }
    const b = await loginAs("manager");
    const pdf = await printed(b, [one.order.id, two.order.id]);
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe("%PDF-");
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(expected);
  });

  it("exports every page of the current view as quoted CSV", async () => {
    const email = `${unique("csv")}@example.com`;
    const orders = [
      await paidOrder({ email, name: 'O\'Neil, "Bob"' }),
      await paidOrder({ email, name: "=HYPERLINK(\"http://x\")" }),
      await paidOrder({ email, name: "Line\nBreak" }),
    ];
    await hold(orders[0].order.id, "call the customer, then ship");
    const b = await loginAs("support");
    const res = await b.get(`/admin/orders/export.csv?email=${encodeURIComponent(email)}`);
    expect(res.status).toBe(200);
    expect(res.res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.res.headers.get("content-disposition")).toMatch(/^attachment; filename="orders-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = parseCsv(res.html.replace(/^\uFEFF/, ""));
    const header = rows[0];
    expect(header.slice(0, 6)).toEqual(["Order number", "Order id", "Placed (UTC)", "Channel", "Email", "Customer"]);
    const body = rows.slice(1).filter((r) => r.length > 1);
    expect(body.map((r) => Number(r[0]))).toEqual([orders[2], orders[1], orders[0]].map((o) => o.order.number));
    const col = (name: string) => header.indexOf(name);
    expect(body.map((r) => r[col("Customer")])).toEqual(["Line\nBreak", "'=HYPERLINK(\"http://x\")", 'O\'Neil, "Bob"']);
    expect(body[2][col("Status")]).toBe("on_hold");
    expect(body[2][col("Hold reason")]).toBe("call the customer, then ship");
    expect(body[2][col("Total")]).toBe("15.00");
    expect(body[2][col("Email")]).toBe(email);
  });

  it("is closed to warehouse users", async () => {
    const b = await loginAs("warehouse", { locations: [berlin] });
    expect((await b.get("/admin/orders")).status).toBe(403);
    expect((await b.get("/admin/orders/export.csv")).status).toBe(403);
    expect((await b.post("/admin/orders/bulk", { action: "hold" })).status).toBe(403);
  });
});

/** The bulk print's answer as bytes (the test browser reads bodies as text). */
async function printed(b: Browser, ids: string[]) {
  const body = new URLSearchParams({ _csrf: b.csrf, _idem: key("print"), action: "print" });
  for (const id of ids) body.append("order", id);
  const res = await visit("/admin/orders/bulk", { method: "POST", headers: { cookie: b.cookie, origin: BASE, "content-type": "application/x-www-form-urlencoded" }, body });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/pdf");
  return new Uint8Array(await res.arrayBuffer());
}

describe("the API's free-text search", () => {
  it("matches the number, part of the email or name, a SKU in any case, and treats % as a letter", async () => {
    const { order, sku } = await paidOrder({ name: "Zelda 100% Fitzgerald" });
    const other = await paidOrder({ name: "Zelda Plain" });
    const find = async (q: string) =>
      ((await raw(`/v1/orders?q=${encodeURIComponent(q)}&limit=200`).then((r) => r.json())) as { data: { id: string }[] }).data.map((o) => o.id);
    expect(await find(String(order.number))).toContain(order.id);
    expect(await find(sku.toLowerCase())).toEqual([order.id]);
    expect(await find("100% fitz")).toEqual([order.id]);
    expect(await find("zelda")).toEqual(expect.arrayContaining([order.id, other.order.id]));
    expect(await find("zelda%plain")).toEqual([]);
    expect((await raw("/v1/orders?q=")).status).toBe(400);
  });
});
