// What the return screens share: the return as the API shows it, who may decide on it, and its lines as a table.
import type { Context } from "hono";
import { html } from "hono/html";
import type { Role } from "../../staff/roles";
import type { ReturnView } from "../../returns/schemas";
import { api } from "../shell/api";
import type { DashEnv } from "../shell/env";

export type { ReturnView };

/**
 * Approving, declining, closing, cancelling and refunding are customer service's and the back office's work; the
 * warehouse opens a return only to receive it (its role holds orders:write for picking, so the screens draw the line).
 */
const DECIDERS: readonly Role[] = ["owner", "manager", "support"];
export const decides = (c: Context<DashEnv>) => DECIDERS.includes(c.get("staff").role);

export const REASON_TEXT: Record<string, string> = {
  size_too_small: "Size too small",
  size_too_large: "Size too large",
  not_as_described: "Not as described",
  defective: "Defective",
  wrong_item: "Wrong item",
  changed_mind: "Changed mind",
  other: "Other",
};

export const DECLINE_REASONS: [string, string][] = [
  ["outside_window", "Outside the return window"],
  ["final_sale", "Final sale"],
  ["not_eligible", "Not eligible"],
  ["used_or_damaged", "Used or damaged"],
  ["other", "Other"],
];

export const received = (l: ReturnView["lines"][number]) => l.restocked + l.damaged + l.inspecting;

export const loadReturn = (c: Context<DashEnv>, id: string) => api<ReturnView>(c, "GET", `/v1/returns/${encodeURIComponent(id)}`);

export interface LocationView {
  id: string;
  name: string;
  code: string;
  active: boolean;
}

/** Every location by id (for names, and the receive form's choice). */
export async function locationsById(c: Context<DashEnv>) {
  const res = await api<{ data: LocationView[] }>(c, "GET", "/v1/locations?limit=200");
  return new Map((res.ok ? res.data.data : []).map((l) => [l.id, l]));
}

export const linesTable = (ret: ReturnView) => html`<table>
  <caption class="muted">Units per line</caption>
  <thead><tr><th>SKU</th><th>Reason</th><th>Note</th><th class="num">Requested</th><th class="num">Received</th><th class="num">Restocked</th><th class="num">Damaged</th><th class="num">Inspecting</th><th class="num">Missing</th><th class="num">Refunded</th></tr></thead>
  <tbody>${ret.lines.map(
    (l) => html`<tr><td>${l.sku}</td><td>${REASON_TEXT[l.reason] ?? l.reason}</td><td>${l.note ?? ""}</td><td class="num">${l.quantity}</td><td class="num">${received(l)}</td>
      <td class="num">${l.restocked}</td><td class="num">${l.damaged}</td><td class="num">${l.inspecting}</td><td class="num">${l.missing}</td><td class="num">${l.refunded}</td></tr>`,
  )}</tbody></table>`;
