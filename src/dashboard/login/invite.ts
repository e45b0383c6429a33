// Accepting an invite: the link's token is the only proof, so these pages come before the session check.
import { Hono } from "hono";
import { acceptInvite, inviteFor } from "../../staff/invites";
import { PASSWORD_RULE } from "../../staff/password";
import type { DashEnv } from "../shell/env";
import { deadInvitePage, invitePage } from "./pages";
import { signIn } from "./signin";

export const inviteRoutes = new Hono<DashEnv>();

// The token is in the URL: keep it out of the Referer of any link followed from the page.
inviteRoutes.use("/invite/*", async (c, next) => {
  await next();
  c.res.headers.set("referrer-policy", "no-referrer");
});

inviteRoutes.get("/invite/:token", async (c) => {
  const user = await inviteFor(c.env.DB, c.req.param("token"));
  if (!user) return c.html(deadInvitePage(), 410);
  return c.html(invitePage(c.req.param("token"), user));
});

inviteRoutes.post("/invite/:token", async (c) => {
  const token = c.req.param("token");
  const user = await inviteFor(c.env.DB, token);
  if (!user) return c.html(deadInvitePage(), 410);
  const form = await c.req.parseBody();
  const password = String(form.password ?? "");
  const problems: string[] = [];
  if (password.length < PASSWORD_RULE.min) problems.push(`The password needs at least ${PASSWORD_RULE.min} characters.`);
  if (password.length > PASSWORD_RULE.max) problems.push(`The password may have at most ${PASSWORD_RULE.max} characters.`);
  if (password !== String(form.password2 ?? "")) problems.push("The two passwords differ.");
  if (problems.length) return c.html(invitePage(token, user, problems), 400);
  const accepted = await acceptInvite(c.env.DB, token, password);
  // Used by a second submit in the meantime, or the user disabled since the page was shown.
  if (!accepted) return c.html(deadInvitePage(), 410);
  return signIn(c, accepted.id, "/admin");
});
