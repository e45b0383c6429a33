// The order list's filters: every query parameter of GET /v1/orders, kept in the dashboard's own URL under the same
// names, so a filtered list is a link to share, bookmark or save as a view. Dates are typed as days (the API wants
// epoch ms); everything else goes to the API as typed, and the API's validation is what refuses a bad value.
import type { Context } from "hono";

export const STATUSES = ["open", "on_hold", "completed", "cancelled"];
export const PAYMENT_STATUSES = ["pending", "authorized", "partially_paid", "paid", "partially_refunded", "refunded", "voided", "expired"];
export const FULFILLMENT_STATUSES = ["unfulfilled", "partial", "fulfilled", "delivered"];
export const RETURN_STATUSES = ["none", "requested", "in_progress", "returned"];

/** The filter parameters (no paging): what a view is made of. */
export const FILTER_KEYS = [
  "q",
  "status",
  "payment_status",
  "fulfillment_status",
  "return_status",
  "channel_id",
  "location_id",
  "created_from",
  "created_to",
  "email",
  "number",
  "customer_id",
  "sku",
  "tag",
  "sort",
  "order",
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

const DAY = 86_400_000;

/** The filters in the current URL (empty fields dropped). */
export function readFilters(c: Context): Filters {
  const out: Filters = {};
  for (const k of FILTER_KEYS) {
    const v = c.req.query(k)?.trim();
    if (v) out[k] = v;
  }
  return out;
}

/** One view's filters as a canonical query string (sorted), so the same view is recognized however it was typed. */
export function viewQuery(filters: Filters): string {
  const params = new URLSearchParams();
  for (const k of [...FILTER_KEYS].sort()) if (filters[k]) params.set(k, filters[k]!);
  return params.toString();
}

export function filtersOf(query: string): Filters {
  const params = new URLSearchParams(query);
  const out: Filters = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k)?.trim();
    if (v) out[k] = v;
  }
  return out;
}

/** "2026-12-01" → that day's first millisecond (UTC); anything else is passed on for the API to refuse. */
const dayStart = (day: string) => {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : NaN;
  return Number.isNaN(ms) ? null : ms;
};

/** The query for GET /v1/orders. "Placed to" is the last day included; the API's created_to is exclusive. */
export function apiQuery(filters: Filters, paging: { limit?: number; cursor?: string | null } = {}): string {
  const params = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = filters[k];
    if (!v) continue;
    if (k === "created_from") params.set(k, String(dayStart(v) ?? v));
    else if (k === "created_to") {
      const start = dayStart(v);
      params.set(k, start === null ? v : String(start + DAY));
    } else params.set(k, v);
  }
  if (paging.limit) params.set("limit", String(paging.limit));
  if (paging.cursor) params.set("cursor", paging.cursor);
  return params.toString();
}
