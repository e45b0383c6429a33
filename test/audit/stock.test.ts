// The stock audit: silent on a store that went through checkouts, payment, a shipment and a cancel; exact about
// what was broken on purpose, through the cells' own methods or by writing D1 behind the application's back.
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { auditStock } from "../../src/audit/stock";
import { cellOf } from "../../src/inventory/cells";
import { admin, key, raw } from "../helpers/client";
import { makeLocation, publishableKey } from "../helpers/fixtures";
import { labelled, moves } from "../fulfillment/world";
import { cancel, fulfillmentsOf, placeOrder } from "../order-changes/world";
import { allocationsOf, stockAuditViaApi, stockKinds } from "./world";

let pk: string;
// Only the merchant's server (payments:write) may say an order is paid.
const server = () => env.ADMIN_API_KEY!;
let berlin: string;

beforeAll(async () => {
  pk = await publishableKey();
  berlin = await makeLocation("berlin", { priority: 1 });
});

describe("a healthy store", () => {
  it("reports nothing after unpaid and paid checkouts, a shipment and a cancel", async () => {
    const unpaid = await placeOrder(pk, [[berlin, 5]], 2);
    const authorized = await placeOrder(server(), [[berlin, 4]], 3, { pay: "authorized" });
    const captured = await placeOrder(server(), [[berlin, 3]], 1, { pay: "captured" });
    const cancelled = await placeOrder(server(), [[berlin, 2]], 2, { pay: "captured" });
    expect((await cancel(cancelled.order.id, { reason: "customer asked" })).response.status).toBe(200);
    const [shipment] = await fulfillmentsOf(captured.order.id, 1);
    const m = moves();
    await labelled(shipment.id);
    expect((await m.pack(shipment.id)).response.status).toBe(200);
    expect((await m.ship(shipment.id)).response.status).toBe(200);

    const audit = await stockAuditViaApi();
    expect(audit.discrepancies).toEqual([]);
    expect(audit.checked).toMatchObject({ cells: 4, allocations: 4, orders: 4 });
    // One SKU alone, as the filter asks.
    const one = await auditStock(env, { sku: unpaid.sku, locationId: berlin });
    expect(one).toEqual({ checked: { cells: 1, holds: 1, allocations: 1, orders: 1 }, discrepancies: [] });
    expect(await stockKinds(authorized.sku)).toEqual([]);
  });

  it("needs inventory:read", async () => {
    const { data } = await admin().POST("/v1/api-keys", { body: { kind: "secret", name: "orders only", scopes: ["orders:read"] } });
    const res = await raw("/v1/audit/stock", {}, data!.key);
    expect(res.status).toBe(403);
  });
});

describe("a store broken on purpose", () => {
  it("finds an open allocation whose hold was released on the cell", async () => {
    const { sku, order } = await placeOrder(server(), [[berlin, 5]], 2, { pay: "authorized" });
    const [a] = await allocationsOf(order.id);
    expect((await cellOf(env, sku, berlin).release(a.hold_id, "broken by the test")).ok).toBe(true);
    const audit = await auditStock(env, { sku });
    expect(audit.discrepancies).toMatchObject([{ kind: "allocation_hold_not_live", severity: "error", sku, location_id: berlin, hold_id: a.hold_id, order_id: order.id }]);
  });

  it("finds a live hold that no allocation owns once its allocation is deleted", async () => {
    const { sku, order } = await placeOrder(pk, [[berlin, 5]], 2);
    const [a] = await allocationsOf(order.id);
    await env.DB.prepare("DELETE FROM allocations WHERE id = ?").bind(a.id).run();
    const audit = await auditStock(env, { sku });
    expect(audit.discrepancies).toMatchObject([{ kind: "hold_owner_missing", hold_id: a.hold_id }]);
  });

  it("finds a ledger that does not add up to the figures, and a row whose running figures are wrong", async () => {
    const { sku } = await placeOrder(pk, [[berlin, 5]], 1);
    const cell = cellOf(env, sku, berlin);
    await runInDurableObject(cell, (_, state) => {
      const last = state.storage.sql.exec<{ on_hand: number; held: number; committed: number }>("SELECT on_hand, held, committed FROM ledger ORDER BY seq DESC LIMIT 1").one();
      // Consistent with the row before it, but the cell's figures never moved: the sums no longer match.
      state.storage.sql.exec(
        "INSERT INTO ledger (at, op, ref, reason, on_hand_delta, held_delta, committed_delta, on_hand, held, committed) VALUES (?, 'adjust', 'bogus', 'test', 3, 0, 0, ?, ?, ?)",
        Date.now(),
        last.on_hand + 3,
        last.held,
        last.committed,
      );
    });
    expect(await stockKinds(sku)).toEqual(["ledger_mismatch"]);
    await runInDurableObject(cell, (_, state) => {
      // Undoes the sum, but says figures that do not follow from the row before it.
      state.storage.sql.exec(
        "INSERT INTO ledger (at, op, ref, reason, on_hand_delta, held_delta, committed_delta, on_hand, held, committed) VALUES (?, 'adjust', 'bogus-2', 'test', -3, 0, 0, 99, 0, 0)",
        Date.now(),
      );
    });
    const audit = await auditStock(env, { sku });
    expect(audit.discrepancies.map((d) => d.kind)).toEqual(["ledger_row_inconsistent"]);
    expect(audit.discrepancies[0].detail).toContain("on_hand 99");
  });

  it("finds holds that do not add up to the held figure", async () => {
    const { sku, order } = await placeOrder(pk, [[berlin, 5]], 2);
    const [a] = await allocationsOf(order.id);
    await runInDurableObject(cellOf(env, sku, berlin), (_, state) => {
      state.storage.sql.exec("UPDATE holds SET qty = 3 WHERE id = ?", a.hold_id);
    });
    expect(await stockKinds(sku)).toEqual(["allocation_qty_mismatch", "holds_mismatch"]);
  });

  it("finds allocations that claim more units than their hold, or the wrong state", async () => {
    const { sku, order } = await placeOrder(pk, [[berlin, 5]], 2);
    await env.DB.prepare("UPDATE allocations SET quantity = quantity + 1 WHERE order_id = ?").bind(order.id).run();
    expect(await stockKinds(sku)).toEqual(["allocation_qty_mismatch"]);
    await env.DB.prepare("UPDATE allocations SET quantity = quantity - 1 WHERE order_id = ?").bind(order.id).run();
    // The order says paid for; the cell still only holds the units.
    await env.DB.prepare("UPDATE orders SET stock_state = 'committed' WHERE id = ?").bind(order.id).run();
    expect(await stockKinds(sku)).toEqual(["allocation_state_mismatch"]);
  });

  it("finds a cancelled order whose hold still takes stock", async () => {
    const { sku, order } = await placeOrder(server(), [[berlin, 5]], 2, { pay: "authorized" });
    const [a] = await allocationsOf(order.id);
    await env.DB.prepare("UPDATE orders SET status = 'cancelled', payment_status = 'voided', stock_state = 'released' WHERE id = ?").bind(order.id).run();
    const audit = await auditStock(env, { sku });
    expect(audit.discrepancies).toMatchObject([{ kind: "cancelled_order_holds_stock", hold_id: a.hold_id, order_id: order.id }]);
  });

  it("finds a shipment the cell never fulfilled, and units the cell fulfilled that never shipped", async () => {
    const shippedInD1 = await placeOrder(server(), [[berlin, 5]], 2, { pay: "captured" });
    const [f] = await fulfillmentsOf(shippedInD1.order.id, 1);
    await env.DB.prepare("UPDATE fulfillments SET status = 'shipped', shipped_at = ? WHERE id = ?").bind(Date.now(), f.id).run();
    const [a] = await allocationsOf(shippedInD1.order.id);
    expect((await auditStock(env, { sku: shippedInD1.sku })).discrepancies).toMatchObject([{ kind: "shipped_hold_not_fulfilled", hold_id: a.hold_id }]);

    const shippedOnCell = await placeOrder(server(), [[berlin, 5]], 2, { pay: "captured" });
    await fulfillmentsOf(shippedOnCell.order.id, 1);
    const [b] = await allocationsOf(shippedOnCell.order.id);
    expect((await cellOf(env, shippedOnCell.sku, berlin).fulfill(b.hold_id)).ok).toBe(true);
    expect(await stockKinds(shippedOnCell.sku)).toEqual(["allocation_hold_not_live", "fulfilled_without_shipment"]);
  });

  it("warns when a count finds fewer units than are promised", async () => {
    const { sku } = await placeOrder(pk, [[berlin, 5]], 4);
    const res = await admin().POST("/v1/inventory/movements", {
      params: { header: { "idempotency-key": key("count") } },
      body: { sku, location_id: berlin, kind: "count", quantity: 2, reason: "cycle_count" },
    });
    expect(res.response.status).toBe(201);
    const audit = await auditStock(env, { sku });
    expect(audit.discrepancies).toMatchObject([{ kind: "count_shortfall", severity: "warning", sku, location_id: berlin }]);
  });

  it("finds availability below zero that nothing explains", async () => {
    const { sku } = await placeOrder(pk, [[berlin, 3]], 2);
    await runInDurableObject(cellOf(env, sku, berlin), (_, state) => {
      // Two more units promised without a hold or a ledger row: the ledger, the holds and availability all disagree.
      state.storage.sql.exec("UPDATE cell SET held = held + 2 WHERE id = 1");
    });
    expect(await stockKinds(sku)).toEqual(["available_negative", "holds_mismatch", "ledger_mismatch"]);
  });
});
