// Pieces the users screens share: the role and location fields, and the page that shows an invite link once.
import type { Context } from "hono";
import { html } from "hono/html";
import { ROLES, type Role } from "../../staff/roles";
import { api } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { page } from "../shell/layout";

export interface StaffUserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  locations: string[] | null;
  status: "invited" | "active" | "disabled";
  locked_until: number | null;
  created_at: number;
  updated_at: number;
  invite_url?: string | null;
  invite_expires_at?: number | null;
}

export interface LocationView {
  id: string;
  code: string;
  name: string;
}

const ROLE_HELP: Record<Role, string> = {
  owner: "everything, users and settings",
  manager: "orders, stock, returns, channels, analytics",
  support: "orders, customers, returns; no stock adjustments",
  warehouse: "fulfillment and stock at its locations",
};

/** Every location, for the warehouse checkboxes (a store has a handful; one page is plenty). */
export async function allLocations(c: Context<DashEnv>): Promise<LocationView[]> {
  const res = await api<{ data: LocationView[] }>(c, "GET", "/v1/locations?limit=200");
  return res.ok ? res.data.data : [];
}

export const roleSelect = (current: Role = "support") =>
  html`<label>Role <select name="role">${ROLES.map(
    (r) => html`<option value="${r}"${r === current ? html` selected` : html``}>${r} — ${ROLE_HELP[r]}</option>`,
  )}</select></label>`;

export const locationBoxes = (all: LocationView[], chosen: string[] | null) =>
  html`<fieldset><legend>Locations (warehouse users only)</legend>${
    all.length
      ? all.map(
          (l) =>
            html`<label style="flex-direction:row;gap:4px"><input type="checkbox" name="locations" value="${l.id}"${chosen?.includes(l.id) ? html` checked` : html``} /> ${l.name} (${l.code})</label>`,
        )
      : html`<p class="muted">No locations yet.</p>`
  }</fieldset>`;

/** Locations named by the form, only for a warehouse user (the API refuses them on other roles). */
export const chosenLocations = (role: string, picked: string[]) => (role === "warehouse" ? picked : undefined);

export const locationNames = (all: LocationView[], ids: string[] | null) =>
  ids == null ? "every location" : ids.map((id) => all.find((l) => l.id === id)?.name ?? id).join(", ") || "none";

/** The link appears on this page and never again: only its hash is stored. */
export const inviteLinkPage = (c: Context<DashEnv>, user: StaffUserView, heading: string) =>
  page(c, {
    title: heading,
    screen: "settings",
    status: 201,
    body: html`<h1>${heading}</h1>
<p class="flash notice" role="status">Send this link to ${user.name} (${user.email}). It works once, until ${new Date(user.invite_expires_at ?? 0).toISOString().slice(0, 16).replace("T", " ")} UTC, and is shown only now.</p>
<label>Invite link <input type="text" readonly value="${user.invite_url}" size="80" /></label>
<p><a href="/admin/settings/users">Back to users</a></p>`,
  });
