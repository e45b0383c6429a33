export const SCOPES = [
  "catalog:read",
  "catalog:write",
  "locations:read",
  "locations:write",
  "inventory:read",
  "inventory:write",
  "orders:read",
  "orders:write",
  // Recording money: confirm, capture, void. Only the merchant's server holds it; the storefront never asserts payment.
  "payments:write",
  "customers:read",
  "customers:write",
  "channels:read",
  "channels:write",
  "keys:write",
  "storefront",
] as const;
export type Scope = (typeof SCOPES)[number];

/** Publishable keys live in web pages and apps: they may only do what a shopper may do. */
export const PUBLISHABLE_SCOPES: Scope[] = ["storefront"];
