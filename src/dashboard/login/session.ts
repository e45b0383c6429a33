// Who is signed in: the session cookie, checked on every dashboard request, and a CSRF check on every post.
import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { SESSION_COOKIE, staffFor } from "../../staff/sessions";
import type { DashEnv } from "../shell/env";

/** Posts must come from our own pages: same origin (browsers send Origin on every post). */
export const sameOrigin: MiddlewareHandler<DashEnv> = async (c, next) => {
  if (c.req.method !== "GET" && c.req.method !== "HEAD") {
    const origin = c.req.header("origin");
    if (origin && origin !== new URL(c.req.url).origin) return c.text("Cross-origin form posts are refused.", 403);
  }
  await next();
};

/** Signed in, or sent to the login page (which brings them back here); a post also carries the session's CSRF token. */
export const requireStaff: MiddlewareHandler<DashEnv> = async (c, next) => {
  const staff = await staffFor(c.env.DB, getCookie(c, SESSION_COOKIE) ?? "");
  if (!staff) {
    if (c.req.method !== "GET") return c.text("Your session has ended: sign in again.", 401);
    const back = new URL(c.req.url);
    return c.redirect(`/admin/login?next=${encodeURIComponent(back.pathname + back.search)}`, 303);
  }
  if (c.req.method !== "GET" && c.req.method !== "HEAD") {
    const body = await c.req.parseBody({ all: true });
    const token = body._csrf;
    if (token !== staff.csrf) return c.text("This form is out of date (CSRF check failed): reload the page and try again.", 403);
  }
  c.set("staff", staff);
  await next();
};
