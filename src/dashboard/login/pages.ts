// The pages seen before signing in: no navigation, no session, nothing of the store's data.
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { PASSWORD_RULE } from "../../staff/password";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export const publicPage = (title: string, body: Html) => html`<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${title} · edge-oms</title><link rel="stylesheet" href="/admin/assets/app.css" /></head>
<body><main id="main" style="max-width:380px;margin:10vh auto">${body}</main></body></html>`;

const errors = (lines: string[]) => lines.map((e) => html`<p class="flash error" role="alert">${e}</p>`);

export const loginPage = (next: string, problems: string[] = [], email = "") =>
  publicPage(
    "Sign in",
    html`<h1>Sign in to edge-oms</h1>
${errors(problems)}
<form method="post" action="/admin/login" style="display:flex;flex-direction:column;gap:10px">
<input type="hidden" name="next" value="${next}" />
<label>Email <input type="email" name="email" autocomplete="username" required value="${email}" autofocus /></label>
<label>Password <input type="password" name="password" autocomplete="current-password" required /></label>
<button type="submit" class="primary">Sign in</button></form>`,
  );

export const invitePage = (token: string, who: { name: string; email: string }, problems: string[] = []) =>
  publicPage(
    "Set your password",
    html`<h1>Welcome, ${who.name}</h1>
<p>Choose a password for <strong>${who.email}</strong> (at least ${PASSWORD_RULE.min} characters). This link works once.</p>
${errors(problems)}
<form method="post" action="/admin/invite/${token}" style="display:flex;flex-direction:column;gap:10px">
<input type="text" name="username" autocomplete="username" value="${who.email}" hidden readonly />
<label>New password <input type="password" name="password" autocomplete="new-password" required minlength="${PASSWORD_RULE.min}" maxlength="${PASSWORD_RULE.max}" autofocus /></label>
<label>The same password again <input type="password" name="password2" autocomplete="new-password" required minlength="${PASSWORD_RULE.min}" maxlength="${PASSWORD_RULE.max}" /></label>
<button type="submit" class="primary">Set password and sign in</button></form>`,
  );

export const deadInvitePage = () =>
  publicPage(
    "Link no longer works",
    html`<h1>This link no longer works</h1>
<p>Invite links work once and for 72 hours, and a newer link replaces an older one. Ask an owner of your store for a new link.</p>
<p><a href="/admin/login">Go to sign in</a></p>`,
  );

export const tooManyPage = (seconds: number) =>
  publicPage(
    "Too many attempts",
    html`<h1>Too many attempts</h1><p role="alert">Too many failed sign-ins from your network. Try again in ${Math.ceil(seconds / 60)} minute(s).</p>
<p><a href="/admin/login">Back to sign in</a></p>`,
  );
