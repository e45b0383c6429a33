import type { Context } from "hono";
import { setCookie } from "hono/cookie";
import { SESSION_COOKIE, startSession } from "../../staff/sessions";
import type { DashEnv } from "../shell/env";

/** Starts a session for the user in an HttpOnly, Secure, SameSite cookie and sends them on to `next`. */
export async function signIn(c: Context<DashEnv>, userId: string, next: string) {
  const session = await startSession(c.env.DB, userId);
  setCookie(c, SESSION_COOKIE, session.token, {
    path: "/admin",
    httpOnly: true,
    secure: true,
    sameSite: "Lax",
    expires: new Date(session.expires),
  });
  return c.redirect(next, 303);
}
