// The locations a staff member works at, read through the locations API: every one for office roles, only their own
// for warehouse users (mayWorkAt). Both the fulfillment and the inventory screens pick a location from this list.
import type { Context } from "hono";
import { api, type ApiResult } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { mayWorkAt } from "../shell/guard";
import { html } from "hono/html";
import { canOpen } from "../../staff/roles";

export interface Place {
  id: string;
  code: string;
  name: string;
  active: boolean;
}

export async function placesOf(c: Context<DashEnv>): Promise<Place[]> {
  const staff = c.get("staff");
  const all: Place[] = [];
  let cursor: string | null = null;
  // A merchant has a handful of locations; a few pages of 200 bound the loop even for a large one.
  for (let i = 0; i < 5; i++) {
    const res: ApiResult<{ data: Place[]; next_cursor: string | null }> = await api<{ data: Place[]; next_cursor: string | null }>(c, "GET", `/v1/locations?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    if (!res.ok) break;
    all.push(...res.data.data);
    cursor = res.data.next_cursor;
    if (!cursor) break;
  }
  return all.filter((p) => mayWorkAt(staff, p.id));
}

export const placeName = (places: Place[], id: string) => {
  const p = places.find((x) => x.id === id);
  return p ? `${p.name} (${p.code})` : id;
};

/** The order's id, as a link for the roles that may open the orders screen (the warehouse may not). */
export const orderLink = (c: Context<DashEnv>, orderId: string) =>
  canOpen(c.get("staff").role, "orders") ? html`<a href="/admin/orders/${orderId}">${orderId}</a>` : html`${orderId}`;
