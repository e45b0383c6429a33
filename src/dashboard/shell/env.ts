import type { Env } from "../../env";
import type { Staff } from "../../staff/sessions";

/** The API app's own fetch: dashboard actions are API calls made in-process (see api.ts). */
export type ApiFetch = (req: Request, env: Env, ctx: any) => Response | Promise<Response>;

export type DashEnv = { Bindings: Env; Variables: { staff: Staff; api: ApiFetch } };
