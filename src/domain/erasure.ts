// Erasure of a customer (GDPR Art. 17): personal data is replaced by a pseudonym, while what accounting must keep
// (Art. 17(3)(b)) stays: amounts, lines, SKUs, dates, numbers, and the country an order went to (VAT).
// Pure: it decides what a record looks like after erasure; src/customers/erase.ts writes it everywhere it is kept.

export const ERASED = "[erased]";

/** The email every erased record of the customer carries instead: unique, recognisable, never deliverable. */
export const pseudonymEmail = (customerId: string) => `erased-${customerId}@invalid`;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Something shaped like an address (ours, Shopify's, WooCommerce's): whatever names it, its fields are personal. */
const isAddress = (v: Json): v is { [key: string]: Json } =>
  !!v &&
  typeof v === "object" &&
  !Array.isArray(v) &&
  (typeof v.line1 === "string" || typeof v.address1 === "string" || typeof v.address_1 === "string") &&
  ("postal_code" in v || "zip" in v || "postcode" in v || "city" in v);

export function erasedAddress(a: { country?: unknown } | null | undefined) {
  if (!a) return null;
  return { name: ERASED, line1: ERASED, city: ERASED, postal_code: ERASED, country: typeof a.country === "string" ? a.country : "ZZ" };
}

// Keys whose value is personal whatever it is, compared case-insensitively. A bare "name" is not among them (locations,
// carriers and products have names too): the customer's names are caught as addresses or as personal strings.
// Channels' raw orders add their own: Shopify's contact_email and browser_ip, WooCommerce's customer_ip_address.
const PERSONAL_KEYS = new Set([
  "email", "recipient", "first_name", "last_name", "customer_name", "phone", "ip", "client_ip", "client_ip_hash",
  "contact_email", "browser_ip", "customer_ip_address", "customer_user_agent",
]);
const EMAIL_KEYS = new Set(["email", "recipient", "contact_email"]);

/**
 * The strings to hunt for in free text (notes, messages, event data): the customer's email, names, phones and street
 * lines. Shorter than 3 characters would match everywhere; city and country are not personal on their own.
 */
export function personalStrings(contacts: { email?: string | null; name?: string | null; phone?: string | null }[], addresses: unknown[]): string[] {
  const found = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === "string" && v.trim().length >= 3 && v !== ERASED) found.add(v.trim());
  };
  for (const c of contacts) [c.email, c.name, c.phone].forEach(add);
  for (const a of addresses) if (a && typeof a === "object") for (const k of ["name", "line1", "line2", "phone"]) add((a as Record<string, unknown>)[k]);
  // Longest first, so "Ada Shopper" is replaced whole before "Ada" could be.
  return [...found].sort((x, y) => y.length - x.length);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Free text with every personal string replaced: emails by the pseudonym, the rest by [erased]. */
export function scrubText(text: string, secrets: readonly string[], pseudonym: string): string {
  let out = text;
  for (const s of secrets) out = out.replace(new RegExp(escape(s), "gi"), s.includes("@") ? pseudonym : ERASED);
  return out;
}

/** A JSON value (event data, a stored answer) with its personal parts replaced, keeping its shape. */
export function scrubJson(value: Json, secrets: readonly string[], pseudonym: string): Json {
  if (typeof value === "string") return scrubText(value, secrets, pseudonym);
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, secrets, pseudonym));
  if (!value || typeof value !== "object") return value;
  if (isAddress(value)) return erasedAddress(value);
  const out: { [key: string]: Json } = {};
  for (const [k, v] of Object.entries(value as { [key: string]: Json })) {
    const key = k.toLowerCase();
    if (PERSONAL_KEYS.has(key) && v !== null && typeof v !== "object") out[k] = EMAIL_KEYS.has(key) ? pseudonym : ERASED;
    else out[k] = scrubJson(v, secrets, pseudonym);
  }
  return out;
}

/** scrubJson over JSON text; text that is not JSON is scrubbed as text. */
export function scrubJsonText(text: string, secrets: readonly string[], pseudonym: string): string {
  try {
    return JSON.stringify(scrubJson(JSON.parse(text) as Json, secrets, pseudonym));
  } catch {
    return scrubText(text, secrets, pseudonym);
  }
}
