// The filter form: a GET form, so every value it sets is in the URL (and the back button, bookmarks and saved views
// keep it). One field per filter of GET /v1/orders, plus the free-text search.
import { html } from "hono/html";
import { FULFILLMENT_STATUSES, type Filters, PAYMENT_STATUSES, RETURN_STATUSES, STATUSES } from "./filters";
import type { Names } from "./lookups";

const choose = (label: string, name: keyof Filters, values: string[], current: Filters, blank = "Any") =>
  html`<label>${label} <select name="${name}"><option value="">${blank}</option>${values.map(
    (v) => html`<option value="${v}"${current[name] === v ? html` selected` : html``}>${v.replaceAll("_", " ")}</option>`,
  )}</select></label>`;

const named = (label: string, name: keyof Filters, names: Names, current: Filters) =>
  names.size
    ? html`<label>${label} <select name="${name}"><option value="">Any</option>${[...names].map(
        ([id, n]) => html`<option value="${id}"${current[name] === id ? html` selected` : html``}>${n}</option>`,
      )}</select></label>`
    : html`<label>${label} id <input name="${name}" value="${current[name] ?? ""}" size="14" /></label>`;

const field = (label: string, name: keyof Filters, current: Filters, attrs: { type?: string; size?: number; placeholder?: string } = {}) =>
  html`<label>${label} <input name="${name}" type="${attrs.type ?? "text"}" value="${current[name] ?? ""}"${
    attrs.size ? html` size="${attrs.size}"` : html``
  }${attrs.placeholder ? html` placeholder="${attrs.placeholder}"` : html``} /></label>`;

export function filterForm(current: Filters, names: { channels: Names; locations: Names }) {
  return html`<form method="get" action="/admin/orders" class="row" role="search" aria-label="Find orders">
${field("Search", "q", current, { type: "search", size: 28, placeholder: "number, email, name or SKU" })}
${choose("Status", "status", STATUSES, current)}
${choose("Payment", "payment_status", PAYMENT_STATUSES, current)}
${choose("Fulfillment", "fulfillment_status", FULFILLMENT_STATUSES, current)}
${choose("Returns", "return_status", RETURN_STATUSES, current)}
${named("Channel", "channel_id", names.channels, current)}
${named("Ships from", "location_id", names.locations, current)}
${field("Placed from", "created_from", current, { type: "date" })}
${field("Placed to (incl.)", "created_to", current, { type: "date" })}
${field("Email", "email", current, { type: "email", size: 20 })}
${field("Order number", "number", current, { size: 8 })}
${field("Customer id", "customer_id", current, { size: 14 })}
${field("SKU", "sku", current, { size: 12 })}
${field("Tag", "tag", current, { size: 10 })}
${choose("Sort by", "sort", ["created_at", "total"], current, "date")}
${choose("Order", "order", ["desc", "asc"], current, "newest / largest first")}
<button type="submit" class="primary">Find orders</button> <a href="/admin/orders">Clear filters</a></form>`;
}
