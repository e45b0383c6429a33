// Staff accounts through the API (issue 11 §1): create or invite, list, change, disable, new links; the rules each refuses.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/http/crypto";
import { viaSpec } from "../helpers/client";
import { makeLocation } from "../helpers/fixtures";
import { login } from "../dashboard/session";

// Through the typed client (viaSpec), so every answer here is checked against the spec.
const call = async (method: "GET" | "POST" | "PATCH", path: string, body?: unknown, apiKey?: string | null) => {
  const res = await viaSpec(method, path, { body, apiKey });
  return { status: res.response.status, body: (res.data ?? res.error) as any };
};
let n = 0;
const email = (label: string) => `${label}${++n}-${Math.random().toString(36).slice(2, 8)}@shop.test`;
const PASSWORD = "a long enough password";

describe("/v1/staff-users", () => {
  it("invites a user without a password: a one-time link valid 72 h, only its hash stored, no password hash answered", async () => {
    const res = await call("POST", "/v1/staff-users", { email: email("sam"), name: "Sam Support", role: "support" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "Sam Support", role: "support", status: "invited", locations: null });
    expect(res.body).not.toHaveProperty("password_hash");
    expect(res.body.invite_url).toMatch(/^http:\/\/oms\.test\/admin\/invite\/[A-Za-z0-9]{40}$/);
    const token = res.body.invite_url.split("/").pop();
    const invite = await env.DB.prepare("SELECT * FROM staff_invites WHERE user_id = ?").bind(res.body.id).first<any>();
    expect(invite.token_hash).toBe(await sha256Hex(token));
    expect(invite.expires_at - invite.created_at).toBe(72 * 3600_000);
    expect(res.body.invite_expires_at).toBe(invite.expires_at);
    // An invited user cannot sign in yet.
    expect((await login(res.body.email, PASSWORD)).status).toBe(401);
  });

  it("creates an active user with a password (at least 10 characters), who can sign in at once", async () => {
    const short = await call("POST", "/v1/staff-users", { email: email("m"), name: "M", role: "manager", password: "short" });
    expect(short.status).toBe(400);
    expect(short.body.errors[0].field).toBe("body.password");
    const res = await call("POST", "/v1/staff-users", { email: email("mia"), name: "Mia Manager", role: "manager", password: PASSWORD });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: "active", invite_url: null });
    expect((await login(res.body.email, PASSWORD)).status).toBe(303);
  });

  it("refuses a second user with the same email, whatever its case: 409 staff_email_taken", async () => {
    const address = email("dup");
    expect((await call("POST", "/v1/staff-users", { email: address, name: "One", role: "support" })).status).toBe(201);
    const again = await call("POST", "/v1/staff-users", { email: address.toUpperCase(), name: "Two", role: "manager" });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("staff_email_taken");
  });

  it("ties a warehouse user to existing locations only: 400 for none, an unknown one, or locations on another role", async () => {
    const berlin = await makeLocation("berlin");
    const none = await call("POST", "/v1/staff-users", { email: email("w"), name: "W", role: "warehouse" });
    expect(none.status).toBe(400);
    expect(none.body.code).toBe("locations_required");
    const unknown = await call("POST", "/v1/staff-users", { email: email("w"), name: "W", role: "warehouse", locations: [berlin, "loc_nope"] });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: "location_not_found", errors: [{ field: "body.locations.1" }] });
    const other = await call("POST", "/v1/staff-users", { email: email("s"), name: "S", role: "support", locations: [berlin] });
    expect(other.body.code).toBe("locations_not_allowed");
    const ok = await call("POST", "/v1/staff-users", { email: email("w"), name: "Wes", role: "warehouse", locations: [berlin] });
    expect(ok.status).toBe(201);
    expect(ok.body.locations).toEqual([berlin]);

    // Staying warehouse keeps the locations; becoming a manager drops them.
    const renamed = await call("PATCH", `/v1/staff-users/${ok.body.id}`, { name: "Wes Floor" });
    expect(renamed.body).toMatchObject({ name: "Wes Floor", locations: [berlin] });
    const promoted = await call("PATCH", `/v1/staff-users/${ok.body.id}`, { role: "manager" });
    expect(promoted.body).toMatchObject({ role: "manager", locations: null });
    const back = await call("PATCH", `/v1/staff-users/${ok.body.id}`, { role: "warehouse" });
    expect(back.body.code).toBe("locations_required");
  });

  it("lets a key make only users it could make keys for: keys:write alone cannot create a manager", async () => {
    const minted = await call("POST", "/v1/api-keys", { kind: "secret", name: "users only", scopes: ["keys:write", "orders:read"] });
    const res = await call("POST", "/v1/staff-users", { email: email("x"), name: "X", role: "manager" }, minted.body.key);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("scope_not_held");
    const reader = await call("POST", "/v1/api-keys", { kind: "secret", name: "reader", scopes: ["orders:read"] });
    expect((await call("GET", "/v1/staff-users", undefined, reader.body.key)).status).toBe(403);
  });

  it("lists users by email with cursor paging, filtered by role", async () => {
    for (const name of ["a", "b", "c"]) await call("POST", "/v1/staff-users", { email: `pager-${name}@list.test`, name, role: "support" });
    const first = await call("GET", "/v1/staff-users?limit=2&role=support");
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(2);
    const all = [...first.body.data];
    let cursor = first.body.next_cursor;
    while (cursor) {
      const next = await call("GET", `/v1/staff-users?limit=2&role=support&cursor=${encodeURIComponent(cursor)}`);
      all.push(...next.body.data);
      cursor = next.body.next_cursor;
    }
    const emails = all.map((u: any) => u.email);
    expect(emails).toEqual([...emails].sort((x, y) => x.toLowerCase().localeCompare(y.toLowerCase())));
    expect(emails).toEqual(expect.arrayContaining(["pager-a@list.test", "pager-b@list.test", "pager-c@list.test"]));
    expect(all.every((u: any) => u.role === "support" && !("password_hash" in u))).toBe(true);
  });

  it("disables a user: their sessions end at once and they cannot sign in; enabling lets them back", async () => {
    const user = await call("POST", "/v1/staff-users", { email: email("d"), name: "D", role: "support", password: PASSWORD });
    expect((await login(user.body.email, PASSWORD)).status).toBe(303);
    const off = await call("PATCH", `/v1/staff-users/${user.body.id}`, { status: "disabled" });
    expect(off.body.status).toBe("disabled");
    const sessions = await env.DB.prepare("SELECT count(*) AS n FROM staff_sessions WHERE user_id = ?").bind(user.body.id).first<{ n: number }>();
    expect(sessions!.n).toBe(0);
    expect((await login(user.body.email, PASSWORD)).status).toBe(401);
    expect((await call("POST", `/v1/staff-users/${user.body.id}/invite`)).body.code).toBe("staff_user_disabled");
    const on = await call("PATCH", `/v1/staff-users/${user.body.id}`, { status: "active" });
    expect(on.body.status).toBe("active");
    expect((await login(user.body.email, PASSWORD)).status).toBe(303);
    // Enabling someone who never set a password leaves them invited.
    const invited = await call("POST", "/v1/staff-users", { email: email("i"), name: "I", role: "support" });
    await call("PATCH", `/v1/staff-users/${invited.body.id}`, { status: "disabled" });
    expect((await call("PATCH", `/v1/staff-users/${invited.body.id}`, { status: "active" })).body.status).toBe("invited");
  });

  it("never disables or demotes the last active owner: 409 last_owner", async () => {
    const owner = await call("POST", "/v1/staff-users", { email: email("own"), name: "Olga Owner", role: "owner", password: PASSWORD });
    const owners = await call("GET", "/v1/staff-users?role=owner&status=active&limit=200");
    for (const o of owners.body.data) if (o.id !== owner.body.id) expect((await call("PATCH", `/v1/staff-users/${o.id}`, { status: "disabled" })).status).toBe(200);
    const disable = await call("PATCH", `/v1/staff-users/${owner.body.id}`, { status: "disabled" });
    expect(disable.status).toBe(409);
    expect(disable.body.code).toBe("last_owner");
    expect((await call("PATCH", `/v1/staff-users/${owner.body.id}`, { role: "manager" })).body.code).toBe("last_owner");
    expect((await call("GET", `/v1/staff-users/${owner.body.id}`)).body).toMatchObject({ role: "owner", status: "active" });
    // A second owner makes it possible.
    await call("POST", "/v1/staff-users", { email: email("own"), name: "Second", role: "owner", password: PASSWORD });
    expect((await call("PATCH", `/v1/staff-users/${owner.body.id}`, { role: "manager" })).status).toBe(200);
  });

  it("a new invite link kills the older unused one; an unknown user is 404", async () => {
    const user = await call("POST", "/v1/staff-users", { email: email("re"), name: "Re", role: "support" });
    const again = await call("POST", `/v1/staff-users/${user.body.id}/invite`);
    expect(again.status).toBe(201);
    expect(again.body.invite_url).not.toBe(user.body.invite_url);
    const hashes = (await env.DB.prepare("SELECT token_hash FROM staff_invites WHERE user_id = ?").bind(user.body.id).all<{ token_hash: string }>()).results;
    expect(hashes.map((h) => h.token_hash)).toEqual([await sha256Hex(again.body.invite_url.split("/").pop())]);
    expect((await call("POST", "/v1/staff-users/stf_nobody/invite")).status).toBe(404);
    expect((await call("PATCH", "/v1/staff-users/stf_nobody", { name: "x" })).body.code).toBe("staff_user_not_found");
  });
});
