import { describe, expect, it } from "vitest";
import { addressKey, DEFAULT_RULES, FraudRules, screen, type ScreeningFacts } from "../../src/domain/fraud";

const quiet: ScreeningFacts = { ordersByEmail: 1, ordersByIp: 1, ordersByAddress: 1, blockedEmail: false, blockedAddress: false };
const order = { total: 90_000, currency: "EUR", shipCountry: "FR", billingCountry: "DE" };

describe("fraud rules", () => {
  it("scores nothing with the default rules", () => {
    expect(screen(DEFAULT_RULES, order, { ...quiet, blockedEmail: true, ordersByEmail: 50 })).toEqual({ score: 0, reasons: [], hold: false });
  });

  it("adds each firing rule's weight and reason, and holds at the threshold", () => {
    const rules = FraudRules.parse({
      order_value: { enabled: true, limits: [{ currency: "EUR", amount: 50_000 }] },
      velocity: { enabled: true, max_orders: 2, by: ["ip", "address"] },
      ship_countries: { enabled: true, allowed: ["DE", "AT"] },
      country_mismatch: { enabled: true, weight: 5 },
    });
    const v = screen(rules, order, { ...quiet, ordersByIp: 3, ordersByAddress: 3, ordersByEmail: 9 });
    expect(v).toEqual({
      score: 30 + 40 + 60 + 5,
      reasons: ["order_value_above_50000_EUR", "velocity_ip_address_over_2_in_60m", "ship_country_FR_not_allowed", "billing_DE_shipping_FR"],
      hold: true,
    });
    expect(screen(rules, { ...order, currency: "USD", shipCountry: "DE" }, quiet)).toEqual({ score: 0, reasons: [], hold: false });
    expect(screen({ ...rules, threshold: 31 }, { ...order, shipCountry: "DE", billingCountry: null }, quiet)).toMatchObject({ score: 30, hold: false });
  });

  it("compares addresses without case, spaces or punctuation", () => {
    expect(addressKey({ line1: "2 Side St.", postal_code: "12 345", country: "DE" })).toBe(addressKey({ line1: "2 side st", postal_code: "12345", country: "de" }));
  });
});
