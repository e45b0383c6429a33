// The settings pages (owner only): each one reads and saves through its API route, and what was saved is what the API holds.
import { describe, expect, it } from "vitest";
import { admin, raw } from "../helpers/client";
import { loginAs, text } from "./session";

const apiGet = async (path: string) => (await raw(path)).json() as Promise<any>;

describe("the settings pages", () => {
  it("are for owners only: the index links every section; a manager gets 403 on each", async () => {
    const owner = await loginAs("owner");
    const index = await owner.get("/admin/settings");
    expect(index.status).toBe(200);
    for (const label of ["Users", "Fraud rules", "Seller profile", "Return policy", "Webhook subscriptions", "API keys"]) expect(text(index.html)).toContain(label);
    const manager = await loginAs("manager");
    for (const path of ["/admin/settings", "/admin/settings/fraud", "/admin/settings/seller", "/admin/settings/returns", "/admin/settings/webhooks", "/admin/settings/api-keys"]) {
      expect((await manager.get(path)).status).toBe(403);
      expect((await owner.get(path)).status).toBe(200);
    }
    expect((await manager.post("/admin/settings/fraud", { threshold: "5" })).status).toBe(403);
  });

  it("saves fraud rules, and shows the API's refusal of a bad value", async () => {
    const owner = await loginAs("owner");
    const saved = await owner.follow(
      await owner.post("/admin/settings/fraud", {
        threshold: "70",
        "velocity.enabled": "on",
        "velocity.weight": "45",
        "velocity.max_orders": "4",
        "velocity.window_minutes": "30",
        "velocity.by": ["email", "ip"],
        "order_value.weight": "30",
        "order_value.limits": "eur:90000",
        "ship_countries.weight": "60",
        "ship_countries.allowed": "de, at",
        "country_mismatch.weight": "20",
        "block_list.weight": "100",
      }),
    );
    expect(text(saved.html)).toContain("Fraud rules saved.");
    const rules = await apiGet("/v1/fraud/rules");
    expect(rules).toMatchObject({
      threshold: 70,
      velocity: { enabled: true, weight: 45, max_orders: 4, window_minutes: 30, by: ["email", "ip"] },
      order_value: { enabled: false, limits: [{ currency: "EUR", amount: 90000 }] },
      ship_countries: { allowed: ["DE", "AT"] },
    });
    const bad = await owner.follow(await owner.post("/admin/settings/fraud", { threshold: "0" }));
    expect(text(bad.html)).toContain("threshold");
    expect((await apiGet("/v1/fraud/rules")).threshold).toBe(70);
  });

  it("saves the seller profile and the return policy", async () => {
    const owner = await loginAs("owner");
    const seller = await owner.follow(
      await owner.post("/admin/settings/seller", {
        name: "Nordwind Textil GmbH",
        vat_id: "DE123456789",
        email: "billing@nordwind.test",
        "address.name": "Nordwind Textil GmbH",
        "address.line1": "Hafenstraße 1",
        "address.postal_code": "20457",
        "address.city": "Hamburg",
        "address.country": "de",
      }),
    );
    expect(text(seller.html)).toContain("Seller profile saved.");
    expect(await apiGet("/v1/settings/seller")).toMatchObject({ name: "Nordwind Textil GmbH", vat_id: "DE123456789", address: { city: "Hamburg", country: "DE" } });

    const policy = await owner.follow(
      await owner.post("/admin/settings/returns", {
        window_days: "14",
        channel_window_days: "",
        final_sale_skus: "GIFT-CARD\nSALE-1",
        restocking_fee_percent: "10",
        return_shipping_fee: "495",
        auto_approve_reasons: ["defective", "wrong_item"],
      }),
    );
    expect(text(policy.html)).toContain("Return policy saved.");
    expect(await apiGet("/v1/settings/returns")).toMatchObject({
      window_days: 14,
      final_sale_skus: ["GIFT-CARD", "SALE-1"],
      restocking_fee_percent: 10,
      return_shipping_fee: 495,
      auto_approve_reasons: ["defective", "wrong_item"],
      advance_exchange: false,
    });
    expect(text((await owner.get("/admin/settings/returns")).html)).toContain("GIFT-CARD");
  });

  it("adds a webhook subscription (secret shown once), lists it, deletes it", async () => {
    const owner = await loginAs("owner");
    const created = await owner.post("/admin/settings/webhooks", { url: "https://hooks.example.com/oms", events: ["order.created", "fulfillment.shipped"] });
    expect(created.status).toBe(201);
    const secret = created.html.match(/value="(whsec_[^"]+)"/)![1];
    const list = await owner.get("/admin/settings/webhooks");
    expect(text(list.html)).toContain("https://hooks.example.com/oms");
    expect(list.html).not.toContain(secret);
    const subs = (await apiGet("/v1/webhook-subscriptions?limit=200")).data;
    const sub = subs.find((s: any) => s.url === "https://hooks.example.com/oms");
    expect(sub.events).toEqual(["order.created", "fulfillment.shipped"]);
    const gone = await owner.follow(await owner.post(`/admin/settings/webhooks/${sub.id}/delete`));
    expect(text(gone.html)).toContain("Subscription deleted");
    expect((await raw(`/v1/webhook-subscriptions/${sub.id}`)).status).toBe(404);
  });

  it("creates only publishable keys, even when the form asks for a secret one, and revokes keys", async () => {
    const owner = await loginAs("owner");
    const page = await owner.get("/admin/settings/api-keys");
    expect(text(page.html)).toContain("never created or shown in the dashboard");
    const created = await owner.post("/admin/settings/api-keys", { name: "Shop front", kind: "secret" });
    expect(created.status).toBe(201);
    const key = created.html.match(/value="(pk_[A-Za-z0-9]+)"/)![1];
    expect(created.html).not.toMatch(/sk_/);
    const keys = (await admin().GET("/v1/api-keys", { params: { query: { limit: 200 } } })).data!.data;
    const made = keys.find((k) => k.name === "Shop front")!;
    expect(made).toMatchObject({ kind: "publishable", scopes: ["storefront"] });
    expect((await raw("/v1/products", {}, key)).status).toBe(403);
    const revoked = await owner.follow(await owner.post(`/admin/settings/api-keys/${made.id}/revoke`));
    expect(text(revoked.html)).toContain("Key revoked");
    const after = (await admin().GET("/v1/api-keys", { params: { query: { limit: 200 } } })).data!.data.find((k) => k.id === made.id)!;
    expect(after.revoked_at).not.toBeNull();
  });
});
