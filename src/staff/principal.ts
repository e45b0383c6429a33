// A staff member acting through the dashboard is, to the API, a caller holding their role's scopes. The principal
// travels in the env object of an in-process call (see dashboard/shell/api.ts), which no outside request can set.
import type { Env, Principal } from "../env";
import { ROLE_SCOPES } from "./roles";
import type { Staff } from "./sessions";

export const STAFF_PRINCIPAL = Symbol("staff principal");
export type EnvWithStaff = Env & { [STAFF_PRINCIPAL]?: Principal };

export const staffPrincipal = (staff: Staff): Principal => ({
  id: `staff:${staff.id}`,
  kind: "secret",
  scopes: ROLE_SCOPES[staff.role],
  actor: `staff:${staff.email}`,
});

export const principalInEnv = (env: Env): Principal | undefined => (env as EnvWithStaff)[STAFF_PRINCIPAL];
