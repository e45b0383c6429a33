import { describe, expect, it } from "vitest";
import { render } from "../../src/notifications/templates";

const items = [{ title: "Tee, Variant 1", sku: "TEE-1", quantity: 2 }];

describe("notification templates", () => {
  it("says the order number and the items when an order is confirmed", () => {
    const m = render("order_confirmed", { orderNumber: 1042, items });
    expect(m.subject).toBe("We have your order #1042");
    expect(m.body).toContain("- 2 × Tee, Variant 1 (TEE-1)");
  });

  it("gives the tracking link and number when an order ships, and leaves them out when unknown", () => {
    const m = render("order_shipped", { orderNumber: 7, items, tracking: { url: "https://track.example/1Z9", number: "1Z9", carrier: "DHL" } });
    expect(m.subject).toBe("Your order #7 is on its way");
    expect(m.body).toContain("Track your parcel: https://track.example/1Z9");
    expect(m.body).toContain("Tracking number: 1Z9 (DHL)");
    expect(render("order_shipped", { orderNumber: 7, items }).body).not.toContain("Track");
  });

  it("tells the customer when the parcel was delivered", () => {
    expect(render("order_delivered", { orderNumber: 7, items }).subject).toBe("Your order #7 was delivered");
  });
});
