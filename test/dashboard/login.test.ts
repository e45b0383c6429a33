// Signing in and out of the dashboard, and what a session allows.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BASE } from "../helpers/client";
import { PASSWORD, login, loginAs, newStaff, visit } from "./session";

describe("the dashboard login", () => {
  it("sends a visitor without a session to the login page, and back where they were after signing in", async () => {
    const res = await visit("/admin/orders?status=on_hold");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/admin/login?next=${encodeURIComponent("/admin/orders?status=on_hold")}`);
    const page = await visit(res.headers.get("location")!);
    expect(await page.text()).toContain('value="/admin/orders?status=on_hold"');
  });

  it("sets an HttpOnly, Secure, SameSite session cookie, and stores only the token's hash", async () => {
    const user = await newStaff("manager");
    const res = await login(user.email);
    expect(res.status).toBe(303);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^oms_session=[A-Za-z0-9]{40};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const token = cookie.split(";")[0].split("=")[1];
    const rows = await env.DB.prepare("SELECT token_hash FROM staff_sessions WHERE user_id = ?").bind(user.id).all<{ token_hash: string }>();
    expect(rows.results).toHaveLength(1);
    expect(rows.results[0].token_hash).not.toContain(token);
  });

  it("answers a wrong password and an unknown email the same way", async () => {
    const user = await newStaff("support");
    const wrong = await login(user.email, "not the password at all");
    const unknown = await login("nobody@shop.test", PASSWORD);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.text()).toContain("Email or password is wrong.");
    expect(await unknown.text()).toContain("Email or password is wrong.");
  });

  it("refuses a post without the session's CSRF token, and one from another origin", async () => {
    const b = await loginAs("owner");
    const noToken = await visit("/admin/logout", { method: "POST", headers: { cookie: b.cookie, origin: BASE, "content-type": "application/x-www-form-urlencoded" }, body: "" });
    expect(noToken.status).toBe(403);
    const foreign = await visit("/admin/logout", {
      method: "POST",
      headers: { cookie: b.cookie, origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: b.csrf }),
    });
    expect(foreign.status).toBe(403);
  });

  it("ends the session on logout, and a disabled user's sessions at once", async () => {
    const b = await loginAs("manager");
    expect((await b.post("/admin/logout")).location).toBe("/admin/login");
    expect((await b.get("/admin/orders")).status).toBe(303);

    const other = await loginAs("support");
    await env.DB.prepare("UPDATE staff_users SET status = 'disabled' WHERE id = ?").bind(other.userId).run();
    expect((await other.get("/admin/orders")).status).toBe(303);
  });
});
