// Erasure rules: what personal data looks like once erased, wherever it sits in a record.
import { describe, expect, it } from "vitest";
import { ERASED, erasedAddress, personalStrings, pseudonymEmail, scrubJson, scrubJsonText, scrubText } from "../../src/domain/erasure";

const pseudonym = pseudonymEmail("cus_1");
const address = { name: "Ada Lovelace", line1: "12 St James's Square", city: "London", postal_code: "SW1Y 4JH", country: "GB", phone: "+44 20 7946 0000", latitude: 51.5 };
const secrets = personalStrings([{ email: "ada@example.com", name: "Ada Lovelace", phone: null }], [address]);

describe("erasure", () => {
  it("keeps only the country of an address (tax), nothing else", () => {
    expect(erasedAddress(address)).toEqual({ name: ERASED, line1: ERASED, city: ERASED, postal_code: ERASED, country: "GB" });
    expect(erasedAddress(null)).toBeNull();
  });

  it("hunts for email, names, phones and street lines, longest first, but not for short or generic values", () => {
    expect(secrets).toEqual(["12 St James's Square", "+44 20 7946 0000", "ada@example.com", "Ada Lovelace"]);
    expect(personalStrings([{ name: "Al" }], [{ line1: ERASED }])).toEqual([]);
  });

  it("replaces them in free text, any case, emails by the pseudonym", () => {
    expect(scrubText("ADA LOVELACE (ada@Example.com) rang from +44 20 7946 0000", secrets, pseudonym)).toBe(
      `${ERASED} (${pseudonym}) rang from ${ERASED}`,
    );
    expect(scrubText("Nothing personal. (.*)", secrets, pseudonym)).toBe("Nothing personal. (.*)");
  });

  it("replaces addresses by shape, personal keys by name, and keeps amounts, SKUs and other names", () => {
    const data = {
      order_id: "ord_1",
      total: 2500,
      email: "someone-else@example.com",
      recipient: "x@y.z",
      to: { ...address, name: "Another Name" },
      shopify: { customer: { first_name: "Ada", last_name: "L" }, billing_address: { address1: "1 Other Road", zip: "123", city: "X" } },
      lines: [{ sku: "TEE-1", title: "Tee", quantity: 2 }],
      location: { name: "Berlin warehouse" },
      note: "left with Ada Lovelace",
    };
    expect(scrubJson(data, secrets, pseudonym)).toEqual({
      order_id: "ord_1",
      total: 2500,
      email: pseudonym,
      recipient: pseudonym,
      to: erasedAddress(address),
      shopify: { customer: { first_name: ERASED, last_name: ERASED }, billing_address: { name: ERASED, line1: ERASED, city: ERASED, postal_code: ERASED, country: "ZZ" } },
      lines: [{ sku: "TEE-1", title: "Tee", quantity: 2 }],
      location: { name: "Berlin warehouse" },
      note: `left with ${ERASED}`,
    });
  });

  it("scrubs JSON text, and text that is not JSON as text", () => {
    expect(JSON.parse(scrubJsonText(JSON.stringify({ email: "ada@example.com" }), secrets, pseudonym))).toEqual({ email: pseudonym });
    expect(scrubJsonText("ada@example.com", secrets, pseudonym)).toBe(pseudonym);
  });
});
