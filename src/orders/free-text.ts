// The order list's free-text search (`q`): what a person types into one box — an order number, an email or part of
// it, a customer's name or part of it, a SKU, or the channel's own order id. One OR of cheap matches: the number, the
// SKU and the external id use their indexes; the LIKEs scan the orders in the list's sort order and stop after a page
// of matches, so a common term answers fast and a rare one reads the store once (fine for the desk; a full-text index
// is the next step if stores outgrow it).
import { z } from "@hono/zod-openapi";

export const FreeText = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .openapi({ description: "Free text: an order number (with or without #), part of the email or of the customer's name, a SKU, or the channel's order id." });

/** `%` and `_` typed by a person are letters, not wildcards. */
const likeOf = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

export function freeTextWhere(q: string): { cond: string; args: unknown[] } {
  const text = q.trim();
  const like = likeOf(text.toLowerCase());
  const parts = [
    "email LIKE ? ESCAPE '\\'",
    "json_extract(shipping_address, '$.name') LIKE ? ESCAPE '\\'",
    "json_extract(billing_address, '$.name') LIKE ? ESCAPE '\\'",
    "customer_id IN (SELECT id FROM customers WHERE name LIKE ? ESCAPE '\\')",
    "id IN (SELECT order_id FROM order_lines WHERE sku IN (?, ?))",
    "external_id = ?",
  ];
  const args: unknown[] = [like, like, like, like, text, text.toUpperCase(), text];
  const number = /^#?\d{1,15}$/.test(text) ? Number(text.replace("#", "")) : null;
  if (number !== null) {
    parts.unshift("number = ?");
    args.unshift(number);
  }
  return { cond: `(${parts.join(" OR ")})`, args };
}
