// The users of the dashboard: who they are, their role, state and locations, and the form to invite one more.
import { Hono } from "hono";
import { html } from "hono/html";
import { api, problemText } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { answer, readForm } from "../shell/form";
import { screen } from "../shell/guard";
import { badge, formGuard, nextLink, when } from "../shell/html";
import { page } from "../shell/layout";
import { allLocations, chosenLocations, inviteLinkPage, locationBoxes, locationNames, roleSelect, type StaffUserView } from "./view";

export const listRoutes = new Hono<DashEnv>();

listRoutes.get("/settings/users", screen("settings"), async (c) => {
  const params = new URLSearchParams({ limit: "100" });
  const cursor = c.req.query("cursor");
  if (cursor) params.set("cursor", cursor);
  const [res, locations] = await Promise.all([api<{ data: StaffUserView[]; next_cursor: string | null }>(c, "GET", `/v1/staff-users?${params}`), allLocations(c)]);
  const body = html`<p><a href="/admin/settings">Settings</a> ›</p><h1>Users</h1>
${
  !res.ok
    ? html`<p class="flash error" role="alert">${problemText(res.problem)}</p>`
    : html`<table><thead><tr><th>Name</th><th>Email</th><th>Role</th><th>Status</th><th>Locations</th><th>Since</th></tr></thead><tbody>${res.data.data.map(
        (u) => html`<tr><td><a href="/admin/settings/users/${u.id}">${u.name}</a></td><td>${u.email}</td><td>${u.role}</td>
          <td>${badge(u.status)} ${u.locked_until ? badge("locked") : html``}</td><td>${locationNames(locations, u.locations)}</td><td>${when(u.created_at)}</td></tr>`,
      )}</tbody></table>${nextLink(c, res.data.next_cursor)}`
}
<h2>Invite a user</h2>
<p class="muted">They get a one-time link to choose their password; it is shown once, after you press Invite.</p>
<form method="post" action="/admin/settings/users" class="row">${formGuard(c)}
  <label>Name <input name="name" required maxlength="100" autocomplete="off" /></label>
  <label>Email <input type="email" name="email" required maxlength="254" autocomplete="off" /></label>
  ${roleSelect()}
  ${locationBoxes(locations, null)}
  <button type="submit" class="primary">Invite</button>
</form>`;
  return page(c, { title: "Users", screen: "settings", body });
});

listRoutes.post("/settings/users", screen("settings"), async (c) => {
  const form = await readForm(c);
  const role = form.one("role");
  const res = await api<StaffUserView>(c, "POST", "/v1/staff-users", {
    body: { email: form.one("email"), name: form.one("name"), role, locations: chosenLocations(role, form.all("locations")) },
  });
  if (!res.ok) return answer(c, res, "/admin/settings/users", "");
  return inviteLinkPage(c, res.data, `${res.data.name} is invited`);
});
