// Sign in and out. A wrong email and a wrong password get the same answer, after the same work; five wrong passwords
// lock the account for 15 minutes, and a network that fails too often waits (limits.ts).
import { Hono } from "hono";
import { deleteCookie } from "hono/cookie";
import { clearWrongPasswords, countWrongPassword, isLocked } from "../../staff/lockout";
import { verifyPassword } from "../../staff/password";
import { SESSION_COOKIE, endSession } from "../../staff/sessions";
import { staffByEmail } from "../../staff/store";
import type { DashEnv } from "../shell/env";
import { safeBack } from "../shell/form";
import { inviteRoutes } from "./invite";
import { countFailure, ipWait, unknownEmailLocked } from "./limits";
import { loginPage, tooManyPage } from "./pages";
import { requireStaff } from "./session";
import { signIn } from "./signin";

export const loginRoutes = new Hono<DashEnv>();
loginRoutes.route("/", inviteRoutes);

const WRONG = "Email or password is wrong.";
const LOCKED = "Too many attempts, try again later.";

loginRoutes.get("/login", (c) => c.html(loginPage(safeBack(c.req.query("next")))));

loginRoutes.post("/login", async (c) => {
  const form = await c.req.parseBody();
  const email = String(form.email ?? "").trim().slice(0, 200);
  const password = String(form.password ?? "").slice(0, 200);
  const next = safeBack(String(form.next ?? ""));
  // Cloudflare sets cf-connecting-ip itself; a client cannot choose it.
  const ip = c.req.header("cf-connecting-ip");
  const wait = await ipWait(c.env.DB, ip);
  if (wait) {
    c.header("retry-after", String(wait));
    return c.html(tooManyPage(wait), 429);
  }
  const user = email ? await staffByEmail(c.env.DB, email) : null;
  // A locked account is refused without looking at the password, so guessing on stops paying off.
  if (user ? isLocked(user) : email && (await unknownEmailLocked(c.env.DB, email))) return c.html(loginPage(next, [WRONG, LOCKED], email), 401);
  const ok = await verifyPassword(password, user?.status === "active" ? user.password_hash : null);
  if (!user || !ok) {
    const unknownLocked = await countFailure(c.env.DB, ip, user ? null : email || null);
    const locked = user ? (await countWrongPassword(c.env.DB, user.id)).lockedUntil !== null : unknownLocked;
    return c.html(loginPage(next, locked ? [WRONG, LOCKED] : [WRONG], email), 401);
  }
  await clearWrongPasswords(c.env.DB, user.id);
  return signIn(c, user.id, next);
});

loginRoutes.post("/logout", requireStaff, async (c) => {
  await endSession(c.env.DB, c.get("staff").tokenHash);
  deleteCookie(c, SESSION_COOKIE, { path: "/admin", secure: true });
  return c.redirect("/admin/login", 303);
});
