// The returns screens: a return recorded, received and refunded from the dashboard alone, shoppers' requests approved
// and declined, the API's refusals shown as the API words them, and a warehouse user kept to their own locations.
import { describe, expect, it, vi } from "vitest";
import { admin, client, raw } from "../helpers/client";
import { makeLocation, publishableKey } from "../helpers/fixtures";
import { paidShipped, settledRefunds } from "../refunds/world";
import { path, shippedOrder } from "../returns/world";
import { loginAs, text } from "./session";

const onHand = async (sku: string, loc: string) =>
  (await admin().GET("/v1/inventory/levels", { params: { query: { sku, location_id: loc } } })).data!.data[0].on_hand;
const returnOf = async (id: string) => (await admin().GET("/v1/returns/{id}", path(id))).data!;
const refundsOf = async (orderId: string) => (await admin().GET("/v1/orders/{id}/refunds", path(orderId))).data!.data;
const idFrom = (location: string | null) => location!.split("/").pop()!;

async function shopperAsks(order: { number: number }, email: string, lineId: string) {
  const res = await client(await publishableKey()).POST("/v1/order-lookup/returns", {
    body: { number: order.number, email, lines: [{ order_line_id: lineId, quantity: 1, reason: "changed_mind" }] },
  });
  expect(res.response.status, JSON.stringify(res.error)).toBe(201);
  expect(res.data!.status).toBe("requested");
  return res.data!;
}

describe("the returns screens", () => {
  it("support records a return on the order, the warehouse restocks it at its location, support refunds it after reading the calculation", async () => {
    const { order, loc, sku, lineId } = await paidShipped({ qty: 2, price: 1000 });
    const support = await loginAs("support");

    const form = await support.get(`/admin/orders/${order.id}/returns/new`);
    expect(form.status).toBe(200);
    expect(text(form.html)).toContain(`New return for order #${order.number}`);
    expect(form.html).toContain(`name="qty_${lineId}"`);
    const made = await support.post(`/admin/orders/${order.id}/returns/new`, { [`qty_${lineId}`]: "1", [`reason_${lineId}`]: "defective", [`note_${lineId}`]: "Zip broke" });
    expect(made.status).toBe(303);
    const returnId = idFrom(made.location);
    const shown = await support.follow(made);
    const rma = (await returnOf(returnId)).rma;
    expect(text(shown.html)).toContain(`Return ${rma} recorded and approved.`);
    expect(text(shown.html)).toContain("Defective Zip broke");
    expect(shown.html).toContain(`href="/admin/returns/${returnId}/label"`);

    const list = await support.get("/admin/returns?status=open");
    expect(list.html).toContain('data-refresh="15"');
    expect(text(list.html)).toContain(`${rma} #${order.number} open none staff`);

    const warehouse = await loginAs("warehouse", { locations: [loc] });
    const before = await onHand(sku, loc);
    const got = await warehouse.post(`/admin/returns/${returnId}/receive`, { location_id: loc, [`restock_${(await returnOf(returnId)).lines[0].id}`]: "1" });
    expect(text((await warehouse.follow(got)).html)).toContain("1 unit(s) received.");
    expect(await onHand(sku, loc)).toBe(before + 1);
    expect((await returnOf(returnId)).lines[0]).toMatchObject({ restocked: 1, damaged: 0, inspecting: 0 });

    const calc = await support.get(`/admin/returns/${returnId}/refund`);
    expect(calc.status).toBe(200);
    expect(text(calc.html)).toContain("Total refund €10.00");
    expect(text(calc.html)).toContain("To the original payment €10.00");
    expect(await refundsOf(order.id)).toEqual([]); // reading the calculation refunds nothing

    const done = await support.post(`/admin/returns/${returnId}/refund`, {});
    expect(text((await support.follow(done)).html)).toContain("Refunded €10.00");
    const refunds = await refundsOf(order.id);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ return_id: returnId, total: 1000 });
    await settledRefunds(order.id);
    expect((await refundsOf(order.id))[0].status).toBe("refunded");
    expect((await returnOf(returnId)).lines[0].refunded).toBe(1);
    const after = await support.get(`/admin/returns/${returnId}`);
    expect(text(after.html)).toMatch(/refunded €10\.00 €10\.00 €0\.00/);
  });

  it("a manager approves one shopper's request and declines another with its reason, and the list filters by refund status", async () => {
    const { order, email, lineId } = await shippedOrder(3);
    const first = await shopperAsks(order, email, lineId);
    const second = await shopperAsks(order, email, lineId);
    const manager = await loginAs("manager");

    const requested = await manager.get(`/admin/returns/${first.id}`);
    expect(text(requested.html)).toContain("Approve return");
    const early = await manager.get(`/admin/returns/${first.id}/label`);
    expect(early.status).toBe(303);
    // Not approved yet: back to the return with the API's reason in the flash (set on the redirect).
    const why = (await (await raw(`/v1/returns/${first.id}/label`)).json()) as { detail: string };
    expect(decodeURIComponent(decodeURIComponent(early.res.headers.get("set-cookie") ?? ""))).toContain(why.detail);
    const approved = await manager.post(`/admin/returns/${first.id}/approve`, { version: String(first.version) });
    expect(text((await manager.follow(approved)).html)).toContain(`Return ${first.rma} approved.`);
    expect((await returnOf(first.id)).status).toBe("open");
    const label = await manager.get(`/admin/returns/${first.id}/label`);
    expect(label.status).toBe(200);
    expect(label.res.headers.get("content-type")).toBe("application/pdf");
    expect(label.res.headers.get("content-disposition")).toContain(`return-label-${first.rma}.pdf`);
    expect(label.html.startsWith("%PDF-")).toBe(true);

    const declined = await manager.post(`/admin/returns/${second.id}/decline`, { version: String(second.version), reason: "used_or_damaged", note: "Worn, tags removed" });
    const page = text((await manager.follow(declined)).html);
    expect(page).toContain(`Return ${second.rma} declined.`);
    expect(page).toContain("Declined because used or damaged — Worn, tags removed");
    expect(await returnOf(second.id)).toMatchObject({ status: "declined", decline_reason: "used_or_damaged", decline_note: "Worn, tags removed" });

    const none = text((await manager.get(`/admin/returns?order_id=${order.id}&refund_status=none`)).html);
    expect(none).toContain(first.rma);
    const refunded = text((await manager.get(`/admin/returns?order_id=${order.id}&refund_status=refunded`)).html);
    expect(refunded).not.toContain(first.rma);
    expect(refunded).toContain("No returns match.");
  });

  it("shows the API's own message when it refuses, and why a line cannot be returned", async () => {
    const { order, email, lineId } = await shippedOrder(2);
    const ret = await shopperAsks(order, email, lineId);
    const manager = await loginAs("manager");
    expect((await manager.post(`/admin/returns/${ret.id}/approve`, {})).status).toBe(303);
    const line = (await returnOf(ret.id)).lines[0].id;
    expect((await admin().POST("/v1/returns/{id}/receive", { ...path(ret.id), body: { lines: [{ return_line_id: line, quantity: 1, disposition: "damaged" }] } })).response.status).toBe(200);

    // The page still offers Cancel; once a unit has come back the API refuses, and the page says what it said.
    expect(text((await manager.get(`/admin/returns/${ret.id}`)).html)).toContain("Cancel return");
    const cancel = await manager.post(`/admin/returns/${ret.id}/cancel`, {});
    const api = await admin().POST("/v1/returns/{id}/cancel", { ...path(ret.id), body: {} });
    expect(api.response.status).toBe(409);
    const shown = await manager.follow(cancel);
    expect(shown.html).toContain('class="flash error"');
    expect(text(shown.html)).toContain((api.error as { detail: string }).detail);
    expect((await returnOf(ret.id)).status).toBe("open");

    const unshipped = await shippedOrder(1, { ship: false });
    const form = text((await manager.get(`/admin/orders/${unshipped.order.id}/returns/new`)).html);
    expect(form).toContain("Not shipped yet");
    const refused = await manager.post(`/admin/orders/${unshipped.order.id}/returns/new`, { [`qty_${unshipped.lineId}`]: "1", [`reason_${unshipped.lineId}`]: "changed_mind" });
    const problem = await admin().POST("/v1/orders/{id}/returns", { ...path(unshipped.order.id), body: { lines: [{ order_line_id: unshipped.lineId, quantity: 1, reason: "changed_mind" }] } });
    expect(problem.response.status).toBe(422);
    expect(text((await manager.follow(refused)).html)).toContain((problem.error as { detail?: string; title: string }).detail ?? problem.error!.title);
  });

  it("holds units for inspection, decides them, and refunds part as store credit after the calculation shows the split", async () => {
    const { order, loc, sku, lineId } = await paidShipped({ qty: 3, price: 1000 });
    const made = await admin().POST("/v1/orders/{id}/returns", { ...path(order.id), body: { lines: [{ order_line_id: lineId, quantity: 3, reason: "defective" }] } });
    const ret = made.data!;
    const line = ret.lines[0].id;
    const manager = await loginAs("manager");
    const before = (await admin().GET("/v1/inventory/levels", { params: { query: { sku, location_id: loc } } })).data!.data[0];

    const got = await manager.post(`/admin/returns/${ret.id}/receive`, { location_id: loc, [`restock_${line}`]: "1", [`damaged_${line}`]: "1", [`inspect_${line}`]: "1" });
    expect(text((await manager.follow(got)).html)).toContain("3 unit(s) received.");
    expect((await returnOf(ret.id)).lines[0]).toMatchObject({ restocked: 1, damaged: 1, inspecting: 1 });
    const page = await manager.get(`/admin/returns/${ret.id}`);
    expect(text(page.html)).toContain("Every unit of this return has been received.");
    expect(page.html).toContain(`name="damaged_${line}"`);

    const decided = await manager.post(`/admin/returns/${ret.id}/inspection`, { [`restock_${line}`]: "1" });
    expect(text((await manager.follow(decided)).html)).toContain("Inspection recorded for 1 unit(s).");
    expect((await returnOf(ret.id)).lines[0]).toMatchObject({ restocked: 2, damaged: 1, inspecting: 0 });
    const after = (await admin().GET("/v1/inventory/levels", { params: { query: { sku, location_id: loc } } })).data!.data[0];
    expect(after.on_hand).toBe(before.on_hand + 2);
    expect(after.damaged).toBe(before.damaged + 1);

    const calc = text((await manager.get(`/admin/returns/${ret.id}/refund?store_credit=5.00&reason=broken+zip`)).html);
    expect(calc).toContain("Total refund €30.00");
    expect(calc).toContain("To the original payment €25.00");
    expect(calc).toContain("As store credit €5.00");
    expect(calc).toContain("Refund €30.00 now");
    const done = await manager.post(`/admin/returns/${ret.id}/refund`, { store_credit: "5.00", reason: "broken zip" });
    expect(text((await manager.follow(done)).html)).toContain("Refunded €30.00");
    expect(await refundsOf(order.id)).toEqual([expect.objectContaining({ total: 3000, original_amount: 2500, store_credit_amount: 500, reason: "broken zip" })]);

    // Everything is refunded: the calculation offers nothing to confirm, and a post anyway gets the API's refusal.
    const nothing = await manager.get(`/admin/returns/${ret.id}/refund`);
    expect(text(nothing.html)).toContain("Nothing is left to refund on this return");
    expect(text(nothing.html)).not.toMatch(/Refund €[\d.]+ now/);
    const twice = await manager.post(`/admin/returns/${ret.id}/refund`, {});
    const api = await admin().POST("/v1/returns/{id}/process", { ...path(ret.id), body: {} });
    expect(api.response.status).toBe(422);
    expect(text((await manager.follow(twice)).html)).toContain((api.error as { detail: string }).detail);
    expect(await refundsOf(order.id)).toHaveLength(1);
  });

  it("a refund the provider refused is given as store credit from the return's page", async () => {
    const { order, loc, lineId } = await paidShipped({ qty: 1, price: 1000, provider: "stripe", reference: `pi_declined_${Math.random().toString(36).slice(2)}` });
    const ret = (await admin().POST("/v1/orders/{id}/returns", { ...path(order.id), body: { lines: [{ order_line_id: lineId, quantity: 1, reason: "changed_mind" }] } })).data!;
    const support = await loginAs("support");
    await support.post(`/admin/returns/${ret.id}/receive`, { location_id: loc, [`restock_${ret.lines[0].id}`]: "1" });
    await support.post(`/admin/returns/${ret.id}/refund`, {});
    // The provider's refusal arrives on its own (the payment job); the page waits for it like staff would.
    await vi.waitFor(async () => expect((await returnOf(ret.id)).refund_status).toBe("refund_failed"), { timeout: 20_000, interval: 200 });
    const failed = await support.get(`/admin/returns/${ret.id}`);
    expect(text(failed.html)).toContain("refund failed");
    expect(text(failed.html)).toContain("Give as store credit instead");

    const [refund] = await refundsOf(order.id);
    const settled = await support.post(`/admin/returns/${ret.id}/refunds/${refund.id}/retry`, { to: "store_credit" });
    expect(text((await support.follow(settled)).html)).toContain("Given as store credit:");
    expect((await refundsOf(order.id))[0]).toMatchObject({ status: "refunded", store_credit_amount: refund.total, original_amount: 0 });
    expect((await returnOf(ret.id)).refund_status).toBe("refunded");
  });

  it("a warehouse user of another location opens the return but cannot receive it there, and sees no refund actions", async () => {
    const { order, loc, sku, lineId } = await shippedOrder(2);
    const made = await admin().POST("/v1/orders/{id}/returns", { ...path(order.id), body: { lines: [{ order_line_id: lineId, quantity: 1, reason: "changed_mind" }] } });
    const ret = made.data!;
    const lyon = await makeLocation("lyon");
    const elsewhere = await loginAs("warehouse", { locations: [lyon] });

    const shown = await elsewhere.get(`/admin/returns/${ret.id}`);
    expect(shown.status).toBe(200);
    expect(shown.html).not.toContain(`<option value="${loc}"`);
    expect(text(shown.html)).not.toContain("Calculate refund");
    expect(text(shown.html)).not.toContain("Refunds");
    expect((await elsewhere.get(`/admin/returns/${ret.id}/refund`)).status).toBe(403);
    expect((await elsewhere.post(`/admin/returns/${ret.id}/cancel`, {})).status).toBe(403);

    const before = await onHand(sku, loc);
    const tried = await elsewhere.post(`/admin/returns/${ret.id}/receive`, { location_id: loc, [`restock_${ret.lines[0].id}`]: "1" });
    expect(text((await elsewhere.follow(tried)).html)).toContain("You can receive returns only at your own locations.");
    const defaulted = await elsewhere.post(`/admin/returns/${ret.id}/receive`, { [`restock_${ret.lines[0].id}`]: "1" });
    expect(text((await elsewhere.follow(defaulted)).html)).toContain("You can receive returns only at your own locations.");
    expect(await onHand(sku, loc)).toBe(before);
    expect((await returnOf(ret.id)).lines[0]).toMatchObject({ restocked: 0, damaged: 0, inspecting: 0 });
  });
});
