// Country and currency fields take codes from the ISO lists, not anything shaped like one (src/domain/codes.ts).
import { describe, expect, it } from "vitest";
import { isCountryCode, isCurrencyCode } from "../../src/domain/codes";
import { admin, key } from "../helpers/client";

const address = (country: string) => ({ name: "Nordwind", line1: "Hafenstraße 1", city: "Hamburg", postal_code: "20457", country });
const seller = (country: string) => ({ name: "Nordwind Textil GmbH", address: address(country), vat_id: null, email: null });
const fieldsOf = (error: unknown) => ((error as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);

describe("ISO code lists", () => {
  it("know real codes from look-alikes", () => {
    expect(["DE", "FR", "US", "JP", "BR"].every(isCountryCode)).toBe(true);
    expect(["LD", "XX", "UK", "de"].some(isCountryCode)).toBe(false); // UK is not ISO 3166-1 (GB is)
    expect(["EUR", "USD", "JPY", "CHF"].every(isCurrencyCode)).toBe(true);
    expect(["EUX", "ABC", "eur", "EU"].some(isCurrencyCode)).toBe(false);
  });
});

describe("country and currency fields", () => {
  it("refuse a seller address in country LD with the field named, and take DE", async () => {
    const bad = await admin().PUT("/v1/settings/seller", { body: seller("LD") });
    expect(bad.response.status).toBe(400);
    expect(fieldsOf(bad.error)).toEqual(["body.address.country"]);
    const good = await admin().PUT("/v1/settings/seller", { body: seller("DE") });
    expect(good.response.status).toBe(200);
    expect(good.data?.address?.country).toBe("DE");
  });

  it("refuse a price in currency EUX", async () => {
    const res = await admin().POST("/v1/products", {
      body: { title: "Tee", variants: [{ sku: "CODES-1", title: "S", price: { amount: 1999, currency: "EUX" } }] },
      headers: { "idempotency-key": key() },
    });
    expect(res.response.status).toBe(400);
    expect(fieldsOf(res.error)).toEqual(["body.variants.0.price.currency"]);
  });

  it("refuse a fraud rule allowing country XX", async () => {
    const res = await admin().PUT("/v1/fraud/rules", { body: { ship_countries: { enabled: true, allowed: ["DE", "XX"] } } as never });
    expect(res.response.status).toBe(400);
    expect(fieldsOf(res.error)).toEqual(["body.ship_countries.allowed.1"]);
  });
});

describe("a code of the wrong shape", () => {
  it("gets one error, the shape's, not a second from the list", async () => {
    const res = await admin().PUT("/v1/settings/seller", { body: seller("germany") });
    expect(res.response.status).toBe(400);
    expect((res.error as { errors: { field: string; message: string }[] }).errors).toEqual([
      { field: "body.address.country", message: "Use an ISO 3166-1 alpha-2 country code, e.g. DE" },
    ]);
  });
});
