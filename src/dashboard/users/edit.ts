// One user: change their name, role and locations, disable or enable them, or send a new link to set a password.
import { Hono } from "hono";
import { html } from "hono/html";
import { api, problemText } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { answer, readForm } from "../shell/form";
import { screen } from "../shell/guard";
import { badge, formGuard, postButton, when } from "../shell/html";
import { page } from "../shell/layout";
import { allLocations, chosenLocations, inviteLinkPage, locationBoxes, roleSelect, type StaffUserView } from "./view";

export const editRoutes = new Hono<DashEnv>();
const back = (id: string) => `/admin/settings/users/${id}`;

editRoutes.get("/settings/users/:id", screen("settings"), async (c) => {
  const id = c.req.param("id");
  const [res, locations] = await Promise.all([api<StaffUserView>(c, "GET", `/v1/staff-users/${encodeURIComponent(id)}`), allLocations(c)]);
  if (!res.ok) return page(c, { title: "User", screen: "settings", status: res.status === 404 ? 404 : 400, body: html`<h1>User</h1><p class="flash error" role="alert">${problemText(res.problem)}</p>` });
  const u = res.data;
  const self = u.id === c.get("staff").id;
  const body = html`<p><a href="/admin/settings">Settings</a> › <a href="/admin/settings/users">Users</a> ›</p>
<h1>${u.name} ${badge(u.status)} ${u.locked_until ? badge("locked") : html``}</h1>
<p>${u.email} · since ${when(u.created_at)}${u.locked_until ? html` · locked until ${when(u.locked_until)} after wrong passwords` : html``}</p>
<h2>Role and locations</h2>
<form method="post" action="${back(u.id)}" class="row">${formGuard(c)}
  <label>Name <input name="name" required maxlength="100" value="${u.name}" /></label>
  ${roleSelect(u.role)}
  ${locationBoxes(locations, u.locations)}
  <button type="submit" class="primary">Save changes</button>
</form>
<h2>Access</h2>
<p>${
    u.status === "disabled"
      ? postButton(c, `${back(u.id)}/status`, "Enable user", { status: "active" })
      : postButton(c, `${back(u.id)}/status`, self ? "Disable my own account" : "Disable user (ends their sessions now)", { status: "disabled" }, { danger: true })
  }
${u.locked_until && u.status !== "disabled" ? postButton(c, `${back(u.id)}/status`, "Unlock sign-in", { status: "active" }) : html``}
${u.status !== "disabled" ? postButton(c, `${back(u.id)}/invite`, u.status === "invited" ? "New invite link" : "New link to set a password") : html``}</p>
<p class="muted">A new link replaces any earlier one that was not used yet.</p>`;
  return page(c, { title: u.name, screen: "settings", body });
});

editRoutes.post("/settings/users/:id", screen("settings"), async (c) => {
  const id = c.req.param("id");
  const form = await readForm(c);
  const role = form.one("role");
  const res = await api(c, "PATCH", `/v1/staff-users/${encodeURIComponent(id)}`, {
    body: { name: form.one("name"), role, locations: chosenLocations(role, form.all("locations")) },
  });
  return answer(c, res, back(id), "Saved.");
});

editRoutes.post("/settings/users/:id/status", screen("settings"), async (c) => {
  const id = c.req.param("id");
  const status = (await readForm(c)).one("status");
  const res = await api(c, "PATCH", `/v1/staff-users/${encodeURIComponent(id)}`, { body: { status } });
  return answer(c, res, back(id), status === "disabled" ? "Disabled: their sessions have ended." : "Enabled.");
});

editRoutes.post("/settings/users/:id/invite", screen("settings"), async (c) => {
  const id = c.req.param("id");
  const res = await api<StaffUserView>(c, "POST", `/v1/staff-users/${encodeURIComponent(id)}/invite`);
  if (!res.ok) return answer(c, res, back(id), "");
  return inviteLinkPage(c, res.data, `A new link for ${res.data.name}`);
});
