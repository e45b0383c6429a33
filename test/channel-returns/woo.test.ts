// WooCommerce refunds: its order.updated lists the order's refunds (id, reason, negative total) and nothing else;
// each becomes one refund of kind channel here (provider woocommerce, manual, with its credit note), however often
// the order is updated after.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { makeLocation, makeProduct, receive } from "../helpers/fixtures";
import { delivered, makeChannel, sendWoo, wooOrder } from "../channels/helpers";
import { creditNotesOf, expectMoneyClean, orderOf } from "../refunds/world";

let woo: string;
let berlin: string;
beforeAll(async () => {
  woo = await makeChannel("woocommerce");
  berlin = await makeLocation("berlin");
});

const refundsOf = (orderId: string) =>
  env.DB.prepare("SELECT f.kind, f.total, f.return_id, p.provider, p.status FROM refunds f LEFT JOIN payments p ON p.id = f.payment_id WHERE f.order_id = ? ORDER BY f.created_at")
    .bind(orderId)
    .all<{ kind: string; total: number; return_id: string | null; provider: string; status: string }>()
    .then((r) => r.results);

describe("WooCommerce refunds", () => {
  it("each refund an order.updated lists is recorded once", async () => {
    const skus = (await makeProduct([2500, 1600])) as [string, string];
    for (const sku of skus) await receive(sku, berlin, 2);
    const payload = { ...wooOrder(skus), status: "processing", date_paid_gmt: "2025-03-04T10:22:00", date_modified_gmt: "2025-03-04T10:22:00" };
    const created = await delivered(await sendWoo(woo, "order.created", payload));
    expect(created.status).toBe("processed");
    const orderId = created.order_id!;
    expect((await orderOf(orderId)).payment_status).toBe("paid");

    const refunded = { ...payload, date_modified_gmt: "2025-03-06T08:00:00", refunds: [{ id: 731, reason: "Damaged in transit", total: "-16.00" }] };
    const first = await delivered(await sendWoo(woo, "order.updated", refunded));
    expect(first.status).toBe("processed");
    expect(await refundsOf(orderId)).toEqual([{ kind: "channel", total: 1600, return_id: null, provider: "woocommerce", status: "manual" }]);

    // Updated again: the first refund is not recorded twice, a second one is.
    await delivered(await sendWoo(woo, "order.updated", { ...refunded, date_modified_gmt: "2025-03-06T09:00:00" }));
    const later = { ...refunded, date_modified_gmt: "2025-03-07T08:00:00", refunds: [{ id: 744, reason: "", total: "-4.90" }, ...refunded.refunds] };
    await delivered(await sendWoo(woo, "order.updated", later));
    expect((await refundsOf(orderId)).map((r) => r.total)).toEqual([1600, 490]);
    expect((await creditNotesOf(orderId)).map((n) => n.total)).toEqual([1600, 490]);
    expect((await orderOf(orderId)).payment_status).toBe("partially_refunded");
    await expectMoneyClean(orderId);
  });
});
