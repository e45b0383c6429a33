// One order's page: what it shows (lines, shipments, money, timeline) and its actions, each an API call whose stored
// result and refusal the staff member sees.
import { beforeAll, describe, expect, it } from "vitest";
import { admin, key, raw } from "../helpers/client";
import { makeLocation, makeProduct, receive, shipTo } from "../helpers/fixtures";
import { labelled } from "../fulfillment/world";
import { fulfillmentsOf, orderOf } from "../order-changes/world";
import { type Browser, loginAs, text } from "./session";

let berlin: string;
beforeAll(async () => {
  berlin = await makeLocation("berlin", { priority: 1 });
});

async function paidOrder(qty: number, opts: { captured?: boolean } = {}) {
  const [sku] = await makeProduct([1200]);
  await receive(sku, berlin, qty);
  const res = await admin().POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key() } },
    body: {
      email: `detail-${Math.random().toString(36).slice(2, 8)}@example.com`,
      currency: "EUR",
      lines: [{ sku, quantity: qty }],
      shipping_address: { ...shipTo("berlin"), name: "Linus Detail" },
      payment: { provider: "test", reference: `tp_${Math.random().toString(36).slice(2)}`, amount: 1200 * qty, captured: opts.captured ?? true },
    },
  });
  expect(res.response.status).toBe(201);
  return { sku, order: res.data! };
}

/** The version the page's forms carry, as a person's browser would send it back. */
const versionOn = (html: string) => html.match(/name="version" value="(\d+)"/)![1];

async function act(b: Browser, id: string, what: string, fields: Record<string, string>) {
  const page = await b.get(`/admin/orders/${id}`);
  const res = await b.post(`/admin/orders/${id}/${what}`, { version: versionOn(page.html), ...fields });
  expect(res.status).toBe(303);
  expect(res.location).toBe(`/admin/orders/${id}`);
  return text((await b.follow(res)).html);
}

describe("the order page", () => {
  it("shows the lines with their allocations, shipments with their paper, payments, invoices and the timeline", async () => {
    const { sku, order } = await paidOrder(2);
    const [f] = await fulfillmentsOf(order.id, 1);
    await labelled(f.id);
    const b = await loginAs("support");
    const res = await b.get(`/admin/orders/${order.id}`);
    expect(res.status).toBe(200);
    const page = text(res.html);
    expect(page).toContain(`Order #${order.number}`);
    expect(page).toContain("Linus Detail");
    expect(page).toMatch(new RegExp(`${sku} .*Variant 1 2 €12.00 €24.00 Berlin warehouse: 2`));
    expect(page).toContain("Order placed");
    expect(page).toMatch(/authorization test tp_\w+ €24.00 succeeded/);
    expect(page).toMatch(/INV-\d{4}-\d+/);
    expect(res.html).toContain(`/admin/orders/${order.id}/fulfillments/${f.id}/label.pdf`);

    const label = await b.get(`/admin/orders/${order.id}/fulfillments/${f.id}/label.pdf`);
    expect(label.status).toBe(200);
    expect(label.res.headers.get("content-type")).toBe("application/pdf");
    expect(label.html.startsWith("%PDF")).toBe(true);
    const slip = await b.get(`/admin/orders/${order.id}/fulfillments/${f.id}/packing-slip.pdf`);
    expect(slip.res.headers.get("content-type")).toBe("application/pdf");
    const invoice = res.html.match(/href="(\/admin\/orders\/[^"]+\/invoices\/[^"]+\.pdf)"/)![1];
    const pdf = await b.get(invoice);
    expect(pdf.status).toBe(200);
    expect(pdf.html.startsWith("%PDF")).toBe(true);

    const missing = await b.get(`/admin/orders/${order.id}/fulfillments/ful_nope/label.pdf`);
    expect(missing.status).toBe(404);
    expect(text(missing.html)).toContain("Document not available");
    expect((await b.get("/admin/orders/ord_nope")).status).toBe(404);
  });

  it("holds, releases and cancels a line through the API, and the timeline names the staff member", async () => {
    const { order } = await paidOrder(3);
    // The label job bumps the shipment's version; a cancel racing it is refused (fulfillment_changed), so wait for it.
    await labelled((await fulfillmentsOf(order.id, 1))[0].id);
    const b = await loginAs("support");

    expect(await act(b, order.id, "hold", { kind: "address_verification", reason: "house number missing" })).toContain("Order put on hold.");
    let now = await orderOf(order.id);
    expect(now.status).toBe("on_hold");
    expect(now.hold).toEqual({ kind: "address_verification", reason: "house number missing" });

    expect(await act(b, order.id, "release", { note: "customer confirmed" })).toContain("Hold released.");
    expect((await orderOf(order.id)).status).toBe("open");

    const page = await act(b, order.id, "cancel-line", { line_id: now.lines[0].id, quantity: "1", reason: "customer wants two" });
    expect(page).toContain("Units cancelled.");
    now = await orderOf(order.id);
    expect(now.lines[0].cancelled_quantity).toBe(1);
    expect(now.total).toBe(2400);
    expect(now.events.filter((e) => e.actor === `staff:${b.email}`).map((e) => e.type)).toEqual(["order.on_hold", "order.hold_released", "order.lines_cancelled"]);
    expect(page).toMatch(new RegExp(`Lines cancelled · ${b.email.replace(".", "\\.")} staff`));
    expect(page).toMatch(new RegExp(`Hold released · ${b.email.replace(".", "\\.")} staff .*note: customer confirmed`));
    expect(page).toContain("house number missing");

    expect(await act(b, order.id, "cancel", { reason: "fraud after all" })).toContain("Order cancelled.");
    expect((await orderOf(order.id)).status).toBe("cancelled");
  });

  it("shows the API's own message when it refuses an action", async () => {
    const { order } = await paidOrder(1);
    const b = await loginAs("manager");
    const problem = (await raw(`/v1/orders/${order.id}/release`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }).then((r) =>
      r.json(),
    )) as { detail: string };
    const res = await b.post(`/admin/orders/${order.id}/release`, {});
    const page = await b.follow(res);
    expect(page.html).toMatch(/class="flash error" role="alert"/);
    expect(text(page.html)).toContain(problem.detail);
    expect((await orderOf(order.id)).status).toBe("open");

    // A page someone else changed since: its version is refused, not overruled.
    const stale = versionOn((await b.get(`/admin/orders/${order.id}`)).html);
    await admin().POST("/v1/orders/{id}/hold", { params: { path: { id: order.id } }, body: { kind: "manual" } });
    const refused = text((await b.follow(await b.post(`/admin/orders/${order.id}/cancel`, { version: stale, reason: "oops" }))).html);
    expect(refused).toMatch(/changed/i);
    expect((await orderOf(order.id)).status).toBe("on_hold");

    const noReason = text((await b.follow(await b.post(`/admin/orders/${order.id}/cancel-line`, { line_id: "x", quantity: "1", reason: "" }))).html);
    expect(noReason).toContain("reason:");
  });

  it("adds and removes tags, adds an internal note shown in the timeline, and records a capture", async () => {
    const { order } = await paidOrder(1, { captured: false });
    const b = await loginAs("support");
    expect(await act(b, order.id, "tags", { tag: "VIP", change: "add" })).toContain("Tags saved.");
    expect((await orderOf(order.id)).tags).toEqual(["vip"]);
    await act(b, order.id, "tags", { tag: "gift", change: "add" });
    await act(b, order.id, "tags", { tag: "vip", change: "remove" });
    expect((await orderOf(order.id)).tags).toEqual(["gift"]);

    const noted = await act(b, order.id, "notes", { body: "Called the customer: leave at the door." });
    expect(noted).toContain("Note added.");
    expect(noted).toMatch(new RegExp(`Internal note · ${b.email.replace(".", "\\.")} staff .*Called the customer: leave at the door\\.`));

    expect(await act(b, order.id, "capture", { reference: `cap_${Math.random().toString(36).slice(2)}`, amount: "12.00" })).toContain("Capture recorded.");
    expect((await orderOf(order.id)).payment_status).toBe("paid");
  });

  it("edits quantities and lines and records a refund through the API", async () => {
    const { sku, order } = await paidOrder(3);
    await labelled((await fulfillmentsOf(order.id, 1))[0].id);
    const b = await loginAs("manager");
    const line = (await orderOf(order.id)).lines[0];
    expect(await act(b, order.id, "set-quantity", { line_id: line.id, quantity: "2" })).toContain("Quantity changed.");
    let now = await orderOf(order.id);
    expect(now.lines[0].quantity).toBe(2);
    expect(now.total).toBe(2400);

    const [extra] = await makeProduct([500]);
    await receive(extra, berlin, 1);
    expect(await act(b, order.id, "add-line", { sku: extra, quantity: "1" })).toContain("Line added.");
    now = await orderOf(order.id);
    expect(now.lines.map((l) => [l.sku, l.quantity])).toEqual([[sku, 2], [extra, 1]]);

    const short = await act(b, order.id, "add-line", { sku: extra, quantity: "5" });
    expect(short).toContain("Not enough stock for the added units; the order is unchanged.");
    expect((await orderOf(order.id)).lines).toHaveLength(2);

    expect(await act(b, order.id, "refund", { kind: "goodwill", amount: "2.50", reason: "late parcel" })).toContain("Refund recorded.");
    expect((await orderOf(order.id)).payments.filter((p) => p.kind === "refund").map((p) => p.amount)).toContain(250);
  });

  it("voids an authorization, which cancels the order", async () => {
    const { order } = await paidOrder(1, { captured: false });
    const b = await loginAs("owner");
    expect((await b.get(`/admin/orders/${order.id}`)).html).toContain("Void authorization and cancel");
    expect(await act(b, order.id, "void", { reason: "customer changed their mind" })).toContain("Authorization voided; the order is cancelled.");
    const now = await orderOf(order.id);
    expect(now.status).toBe("cancelled");
    expect(now.payment_status).toBe("voided");
  });

  it("is closed to warehouse users", async () => {
    const { order } = await paidOrder(1);
    const b = await loginAs("warehouse", { locations: [berlin] });
    expect((await b.get(`/admin/orders/${order.id}`)).status).toBe(403);
    expect((await b.post(`/admin/orders/${order.id}/hold`, { kind: "manual" })).status).toBe(403);
    expect((await orderOf(order.id)).status).toBe("open");
  });
});
