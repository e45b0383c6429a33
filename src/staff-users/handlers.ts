import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv, Principal } from "../env";
import { scopesToGrant } from "../keys/grant";
import { pageOf } from "../http/pagination";
import { badRequest, conflict, notFound } from "../http/problem";
import { invitePath, issueInvite } from "../staff/invites";
import { ROLE_SCOPES, type Role } from "../staff/roles";
import { endSessionsOf } from "../staff/sessions";
import { createStaff, locationsOf, staffById, type StaffRow } from "../staff/store";
import type { createStaffUser, getStaffUser, inviteStaffUser, listStaffUsers, updateStaffUser } from "./routes";
import { changeStaff, listStaff, unknownLocations } from "./store";

// Never the password hash or the failed-login count: only what an owner needs to manage the account.
const present = (u: StaffRow) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  locations: locationsOf(u),
  status: u.status,
  locked_until: u.locked_until && u.locked_until > Date.now() ? u.locked_until : null,
  created_at: u.created_at,
  updated_at: u.updated_at,
});

/** A user of a role is as strong as a key with its scopes: the caller may only make or manage what it could mint. */
const mayManage = (caller: Principal, role: Role) => scopesToGrant(caller, { kind: "secret", scopes: [...ROLE_SCOPES[role]] });

/** The locations a user of `role` works at: a warehouse user at least one existing location, the others none. */
async function locationsFor(db: D1Database, role: Role, locations: string[] | undefined): Promise<string[] | null> {
  if (role !== "warehouse") {
    if (locations?.length) throw badRequest("locations_not_allowed", "Only warehouse users are tied to locations; the other roles work everywhere.");
    return null;
  }
  const ids = [...new Set(locations ?? [])];
  if (!ids.length)
    throw badRequest("locations_required", "A warehouse user needs at least one location.", [{ field: "body.locations", message: "Required for warehouse users" }]);
  const unknown = await unknownLocations(db, ids);
  if (unknown.length)
    throw badRequest(
      "location_not_found",
      `No location has the id ${unknown.join(", ")}.`,
      unknown.map((id) => ({ field: `body.locations.${(locations ?? []).indexOf(id)}`, message: "No such location" })),
    );
  return ids;
}

const withInvite = async (c: { env: AppEnv["Bindings"]; req: { url: string } }, user: StaffRow) => {
  const invite = await issueInvite(c.env.DB, user.id);
  return { ...present(user), invite_url: new URL(invitePath(invite.token), c.req.url).toString(), invite_expires_at: invite.expiresAt };
};

const userOr404 = async (db: D1Database, id: string) => {
  const user = await staffById(db, id);
  if (!user) throw notFound("staff_user_not_found", "No staff user has this id.");
  return user;
};

export const create: RouteHandler<typeof createStaffUser, AppEnv> = async (c) => {
  const input = c.req.valid("json");
  mayManage(c.get("principal"), input.role);
  const locations = await locationsFor(c.env.DB, input.role, input.locations);
  const user = await createStaff(c.env.DB, { ...input, locations });
  if (!user) throw conflict("staff_email_taken", "A staff user with this email exists already.");
  if (input.password) return c.json({ ...present(user), invite_url: null, invite_expires_at: null }, 201);
  return c.json(await withInvite(c, user), 201);
};

export const list: RouteHandler<typeof listStaffUsers, AppEnv> = async (c) => {
  const q = c.req.valid("query");
  return c.json(pageOf(await listStaff(c.env.DB, q), q.limit, (u) => u.email, present), 200);
};

export const get: RouteHandler<typeof getStaffUser, AppEnv> = async (c) => c.json(present(await userOr404(c.env.DB, c.req.valid("param").id)), 200);

export const update: RouteHandler<typeof updateStaffUser, AppEnv> = async (c) => {
  const patch = c.req.valid("json");
  const user = await userOr404(c.env.DB, c.req.valid("param").id);
  const role = patch.role ?? user.role;
  mayManage(c.get("principal"), user.role);
  mayManage(c.get("principal"), role);
  // A warehouse user who stays one keeps their locations unless the patch names new ones.
  const kept = role === "warehouse" && user.role === "warehouse" ? (locationsOf(user) ?? []) : undefined;
  const locations = await locationsFor(c.env.DB, role, patch.locations ?? kept);
  // Enabling someone who never set a password puts them back to invited: they still need their link.
  const status = patch.status === "disabled" ? "disabled" : patch.status === "active" ? (user.password_hash ? "active" : "invited") : user.status;
  const changed = await changeStaff(c.env.DB, user.id, { name: patch.name ?? user.name, role, locations, status, unlock: patch.status === "active" });
  if (!changed) throw conflict("last_owner", "This is the last active owner: make another user owner first.");
  if (changed.status === "disabled") await endSessionsOf(c.env.DB, changed.id);
  return c.json(present(changed), 200);
};

export const invite: RouteHandler<typeof inviteStaffUser, AppEnv> = async (c) => {
  const user = await userOr404(c.env.DB, c.req.valid("param").id);
  mayManage(c.get("principal"), user.role);
  if (user.status === "disabled") throw conflict("staff_user_disabled", "This user is disabled: enable them before sending a new link.");
  return c.json(await withInvite(c, user), 201);
};
