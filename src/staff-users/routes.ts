import { createRoute, z } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { commonProblems, json, jsonBody, page, PageQuery, problem } from "../http/openapi";
import { PASSWORD_RULE } from "../staff/password";
import { ROLES } from "../staff/roles";

export const StaffUser = z
  .object({
    id: z.string().openapi({ example: "stf_01J0000000000000000000000" }),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    locations: z.array(z.string()).nullable().openapi({ description: "Warehouse users: the locations they work at. Null: every location." }),
    status: z.enum(["invited", "active", "disabled"]).openapi({ description: "invited: has not set a password yet." }),
    locked_until: z.number().int().nullable().openapi({ description: "Set after too many wrong passwords: no sign-in until then." }),
    created_at: z.number().int(),
    updated_at: z.number().int(),
  })
  .openapi("StaffUser");

export const StaffUserWithInvite = StaffUser.extend({
  invite_url: z.string().nullable().openapi({
    description: "The one-time link to set a password, shown only in this answer (only its hash is stored). Null when a password was set.",
  }),
  invite_expires_at: z.number().int().nullable(),
}).openapi("StaffUserWithInvite");

const Locations = z
  .array(z.string().max(64))
  .max(100)
  .openapi({ description: "Warehouse users only, at least one; every id must be a location." });

export const StaffUserInput = z
  .object({
    email: z.string().trim().email().max(254),
    name: z.string().trim().min(1).max(100),
    role: z.enum(ROLES),
    locations: Locations.optional(),
    password: z
      .string()
      .min(PASSWORD_RULE.min)
      .max(PASSWORD_RULE.max)
      .optional()
      .openapi({ description: "Without it the user is invited: the answer carries a one-time link to set one." }),
  })
  .strict()
  .openapi("StaffUserInput");

export const StaffUserPatch = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    role: z.enum(ROLES).optional(),
    locations: Locations.optional(),
    status: z.enum(["active", "disabled"]).optional().openapi({
      description: "disabled ends the user's sessions at once. active re-enables (an invited user stays invited) and lifts a lockout.",
    }),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: "Send at least one field" })
  .openapi("StaffUserPatch");

const tags = ["Staff users"];
// Users are as powerful as keys: the same scope guards both, and a caller can only make users it could make keys for.
const guard = admin("keys:write");
const Id = z.object({ id: z.string().max(64) });
const grantNote = "The caller must hold every scope of the role (as for API keys): 403 scope_not_held otherwise.";

export const createStaffUser = createRoute({
  method: "post",
  path: "/v1/staff-users",
  operationId: "createStaffUser",
  tags,
  summary: "Create or invite a dashboard user",
  description: `Not idempotent, like API keys: the answer holds the one-time invite link. ${grantNote}`,
  middleware: [...guard],
  request: { body: jsonBody(StaffUserInput) },
  responses: {
    201: json(StaffUserWithInvite, "The user, with the invite link when no password was given."),
    ...commonProblems,
    400: problem("validation_failed, locations_required, locations_not_allowed, location_not_found."),
    403: problem("scope_not_held, or the route's own key checks."),
    409: problem("staff_email_taken."),
  },
});

export const listStaffUsers = createRoute({
  method: "get",
  path: "/v1/staff-users",
  operationId: "listStaffUsers",
  tags,
  summary: "List dashboard users by email",
  middleware: [...guard],
  request: {
    query: PageQuery.extend({
      status: z.enum(["invited", "active", "disabled"]).optional(),
      role: z.enum(ROLES).optional(),
    }),
  },
  responses: { 200: json(page(StaffUser, "StaffUserPage"), "A page of users."), ...commonProblems },
});

export const getStaffUser = createRoute({
  method: "get",
  path: "/v1/staff-users/{id}",
  operationId: "getStaffUser",
  tags,
  summary: "One dashboard user",
  middleware: [...guard],
  request: { params: Id },
  responses: { 200: json(StaffUser, "The user."), ...commonProblems, 404: problem("staff_user_not_found.") },
});

export const updateStaffUser = createRoute({
  method: "patch",
  path: "/v1/staff-users/{id}",
  operationId: "updateStaffUser",
  tags,
  summary: "Change a user's name, role, locations or status",
  description: `The last active owner cannot be disabled or given another role (409 last_owner). ${grantNote}`,
  middleware: [...guard],
  request: { params: Id, body: jsonBody(StaffUserPatch) },
  responses: {
    200: json(StaffUser, "The user as changed."),
    ...commonProblems,
    400: problem("validation_failed, locations_required, locations_not_allowed, location_not_found."),
    403: problem("scope_not_held, or the route's own key checks."),
    404: problem("staff_user_not_found."),
    409: problem("last_owner."),
  },
});

export const inviteStaffUser = createRoute({
  method: "post",
  path: "/v1/staff-users/{id}/invite",
  operationId: "inviteStaffUser",
  tags,
  summary: "A new one-time link to set a password",
  description: `Earlier unused links stop working. For an active user it is a password reset; the password stays valid until the link is used. ${grantNote}`,
  middleware: [...guard],
  request: { params: Id },
  responses: {
    201: json(StaffUserWithInvite, "The user and the new link, shown once."),
    ...commonProblems,
    403: problem("scope_not_held, or the route's own key checks."),
    404: problem("staff_user_not_found."),
    409: problem("staff_user_disabled: enable the user first."),
  },
});
