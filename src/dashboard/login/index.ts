// Sign in and out. A wrong email and a wrong password get the same answer, after the same work.
import { Hono } from "hono";
import { html } from "hono/html";
import { deleteCookie, setCookie } from "hono/cookie";
import { verifyPassword } from "../../staff/password";
import { SESSION_COOKIE, endSession, startSession } from "../../staff/sessions";
import { staffByEmail } from "../../staff/store";
import type { DashEnv } from "../shell/env";
import { safeBack } from "../shell/form";
import { requireStaff } from "./session";

export const loginRoutes = new Hono<DashEnv>();

const loginPage = (next: string, error?: string, email = "") => html`<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Sign in · edge-oms</title><link rel="stylesheet" href="/admin/assets/app.css" /></head>
<body><main id="main" style="max-width:360px;margin:10vh auto">
<h1>Sign in to edge-oms</h1>
${error ? html`<p class="flash error" role="alert">${error}</p>` : html``}
<form method="post" action="/admin/login" style="display:flex;flex-direction:column;gap:10px">
<input type="hidden" name="next" value="${next}" />
<label>Email <input type="email" name="email" autocomplete="username" required value="${email}" autofocus /></label>
<label>Password <input type="password" name="password" autocomplete="current-password" required /></label>
<button type="submit" class="primary">Sign in</button></form></main></body></html>`;

loginRoutes.get("/login", (c) => c.html(loginPage(safeBack(c.req.query("next")))));

loginRoutes.post("/login", async (c) => {
  const form = await c.req.parseBody();
  const email = String(form.email ?? "").trim().slice(0, 200);
  const password = String(form.password ?? "").slice(0, 200);
  const next = safeBack(String(form.next ?? ""));
  const user = email ? await staffByEmail(c.env.DB, email) : null;
  const ok = await verifyPassword(password, user?.status === "active" ? user.password_hash : null);
  if (!user || !ok) return c.html(loginPage(next, "Email or password is wrong.", email), 401);
  const session = await startSession(c.env.DB, user.id);
  setCookie(c, SESSION_COOKIE, session.token, {
    path: "/admin",
    httpOnly: true,
    secure: true,
    sameSite: "Lax",
    expires: new Date(session.expires),
  });
  return c.redirect(next, 303);
});

loginRoutes.post("/logout", requireStaff, async (c) => {
  await endSession(c.env.DB, c.get("staff").tokenHash);
  deleteCookie(c, SESSION_COOKIE, { path: "/admin", secure: true });
  return c.redirect("/admin/login", 303);
});
