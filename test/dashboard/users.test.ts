// The users screens and the sign-in rules (issue 11 §1): owner only; invite → set password → signed in; disabling
// ends a session; five wrong passwords lock an account; a network failing too often waits.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BASE } from "../helpers/client";
import { makeLocation } from "../helpers/fixtures";
import { PASSWORD, login, loginAs, newStaff, text, visit } from "./session";

const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded", origin: BASE, ...headers },
  body: new URLSearchParams(fields),
});
const inviteLink = (html: string) => html.match(/value="(http:\/\/oms\.test\/admin\/invite\/[A-Za-z0-9]+)"/)![1].replace(BASE, "");
const NEW_PASSWORD = "a brand new password";

describe("the users screens", () => {
  it("are for owners only: manager, support and warehouse get 403 on settings and users", async () => {
    const berlin = await makeLocation("berlin");
    for (const b of [await loginAs("manager"), await loginAs("support"), await loginAs("warehouse", { locations: [berlin] })]) {
      for (const path of ["/admin/settings", "/admin/settings/users", `/admin/settings/users/${b.userId}`]) {
        const page = await b.get(path);
        expect(page.status).toBe(403);
        expect(text(page.html)).toContain("may not open this page");
      }
      expect((await b.post("/admin/settings/users", { name: "Sneaky", email: "sneaky@shop.test", role: "owner" })).status).toBe(403);
      expect(await env.DB.prepare("SELECT id FROM staff_users WHERE email = 'sneaky@shop.test'").first()).toBeNull();
    }
    const owner = await loginAs("owner", { name: "Olivia Owner" });
    await newStaff("warehouse", { locations: [berlin], name: "Walter Floor" });
    const page = await owner.get("/admin/settings/users");
    expect(page.status).toBe(200);
    const seen = text(page.html);
    expect(seen).toContain("Olivia Owner");
    expect(seen).toMatch(/Walter Floor \S+ warehouse active Berlin warehouse/);
  });

  it("invites a user, who sets a password once through the link and is signed in", async () => {
    const owner = await loginAs("owner");
    const email = `new-${Math.random().toString(36).slice(2, 8)}@shop.test`;
    const invited = await owner.post("/admin/settings/users", { name: "Nina New", email, role: "support" });
    expect(invited.status).toBe(201);
    expect(text(invited.html)).toContain("shown only now");
    const link = inviteLink(invited.html);
    // The list shows them invited, and never the link again.
    const list = await owner.get("/admin/settings/users");
    expect(text(list.html)).toMatch(/Nina New \S+ support invited/);
    expect(list.html).not.toContain(link);

    const setPage = await visit(link);
    expect(setPage.status).toBe(200);
    expect(text(await setPage.text())).toContain(`Choose a password for ${email}`);
    const differ = await visit(link, form({ password: NEW_PASSWORD, password2: "something else entirely" }));
    expect(differ.status).toBe(400);
    expect(text(await differ.text())).toContain("The two passwords differ.");
    const short = await visit(link, form({ password: "short", password2: "short" }));
    expect(text(await short.text())).toContain("at least 10 characters");

    const accepted = await visit(link, form({ password: NEW_PASSWORD, password2: NEW_PASSWORD }));
    expect(accepted.status).toBe(303);
    const cookie = accepted.headers.get("set-cookie")!.split(";")[0];
    const today = await visit("/admin", { headers: { cookie } });
    expect(today.status).toBe(200);
    expect(text(await today.text())).toContain("Nina New · support");

    const again = await visit(link, form({ password: "another password here", password2: "another password here" }));
    expect(again.status).toBe(410);
    expect(text(await again.text())).toContain("This link no longer works");
    expect((await visit(link)).status).toBe(410);
    expect((await login(email, NEW_PASSWORD)).status).toBe(303);
    expect((await login(email, "another password here")).status).toBe(401);
  });

  it("a new link replaces the old one; the owner changes role and locations through the form", async () => {
    const owner = await loginAs("owner");
    const [berlin, lyon] = [await makeLocation("berlin"), await makeLocation("lyon")];
    const first = await owner.post("/admin/settings/users", { name: "Wanda", email: `wanda-${Date.now()}@shop.test`, role: "warehouse", locations: [berlin] });
    const id = (await env.DB.prepare("SELECT id FROM staff_users WHERE name = 'Wanda'").first<{ id: string }>())!.id;
    const second = await owner.post(`/admin/settings/users/${id}/invite`);
    expect(second.status).toBe(201);
    expect((await visit(inviteLink(first.html))).status).toBe(410);
    expect((await visit(inviteLink(second.html))).status).toBe(200);

    const moved = await owner.follow(await owner.post(`/admin/settings/users/${id}`, { name: "Wanda", role: "warehouse", locations: [lyon] }));
    expect(text(moved.html)).toContain("Saved.");
    expect((await env.DB.prepare("SELECT locations FROM staff_users WHERE id = ?").bind(id).first<{ locations: string }>())!.locations).toBe(JSON.stringify([lyon]));
    const none = await owner.follow(await owner.post(`/admin/settings/users/${id}`, { name: "Wanda", role: "warehouse" }));
    expect(text(none.html)).toContain("A warehouse user needs at least one location.");
    const manager = await owner.follow(await owner.post(`/admin/settings/users/${id}`, { name: "Wanda", role: "manager", locations: [lyon] }));
    expect(text(manager.html)).toContain("Saved.");
    expect(await env.DB.prepare("SELECT role, locations FROM staff_users WHERE id = ?").bind(id).first()).toEqual({ role: "manager", locations: null });
  });

  it("disabling a user from the screen ends their session at once", async () => {
    const owner = await loginAs("owner");
    const support = await loginAs("support");
    expect((await support.get("/admin/orders")).status).toBe(200);
    const done = await owner.follow(await owner.post(`/admin/settings/users/${support.userId}/status`, { status: "disabled" }));
    expect(text(done.html)).toContain("Disabled: their sessions have ended.");
    expect(text(done.html)).toContain("Enable user");
    const after = await support.get("/admin/orders");
    expect(after.status).toBe(303);
    expect(after.location).toMatch(/^\/admin\/login/);
    expect((await login(support.email)).status).toBe(401);
  });
});

describe("sign-in limits", () => {
  it("locks an account for 15 minutes after five wrong passwords, even for the right one; the owner can unlock", async () => {
    const user = await newStaff("manager");
    for (let i = 1; i <= 4; i++) {
      const wrong = await login(user.email, `wrong password ${i}`);
      expect(wrong.status).toBe(401);
      expect(text(await wrong.text())).not.toContain("Too many attempts");
    }
    const fifth = await login(user.email, "wrong password 5");
    const fifthText = text(await fifth.text());
    expect(fifthText).toContain("Email or password is wrong.");
    expect(fifthText).toContain("Too many attempts, try again later.");
    const right = await login(user.email, PASSWORD);
    expect(right.status).toBe(401);
    expect(text(await right.text())).toContain("Too many attempts, try again later.");
    const row = await env.DB.prepare("SELECT locked_until, created_at FROM staff_users WHERE id = ?").bind(user.id).first<{ locked_until: number }>();
    expect(row!.locked_until - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(row!.locked_until - Date.now()).toBeLessThanOrEqual(15 * 60_000);

    const owner = await loginAs("owner");
    const page = await owner.get(`/admin/settings/users/${user.id}`);
    expect(text(page.html)).toContain("locked until");
    await owner.post(`/admin/settings/users/${user.id}/status`, { status: "active" });
    expect((await login(user.email, PASSWORD)).status).toBe(303);
  });

  it("a successful sign-in clears earlier wrong passwords", async () => {
    const user = await newStaff("support");
    for (let i = 0; i < 3; i++) await login(user.email, "not it at all");
    expect((await env.DB.prepare("SELECT failed_logins FROM staff_users WHERE id = ?").bind(user.id).first<{ failed_logins: number }>())!.failed_logins).toBe(3);
    expect((await login(user.email)).status).toBe(303);
    expect((await env.DB.prepare("SELECT failed_logins FROM staff_users WHERE id = ?").bind(user.id).first<{ failed_logins: number }>())!.failed_logins).toBe(0);
  });

  it("says the same of an email without an account after five tries", async () => {
    let last = "";
    for (let i = 0; i < 5; i++) last = text(await (await login("ghost@nowhere.test", `guess ${i}`)).text());
    expect(last).toContain("Too many attempts, try again later.");
  });

  it("answers 429 to a network after 20 failed sign-ins in 10 minutes; other networks go on", async () => {
    const ip = { "cf-connecting-ip": "203.0.113.77" };
    for (let i = 0; i < 20; i++) expect((await visit("/admin/login", form({ email: `spray${i}@nowhere.test`, password: "guess guess" }, ip))).status).toBe(401);
    const blocked = await visit("/admin/login", form({ email: "spray-more@nowhere.test", password: "guess guess" }, ip));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(text(await blocked.text())).toContain("Too many failed sign-ins from your network");
    const user = await newStaff("support");
    expect((await visit("/admin/login", form({ email: user.email, password: PASSWORD, next: "/admin" }, { "cf-connecting-ip": "198.51.100.4" }))).status).toBe(303);
  });
});
