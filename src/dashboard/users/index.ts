// The users screens (issue 11 §1), owner only: every change a call to /v1/staff-users.
import { Hono } from "hono";
import type { DashEnv } from "../shell/env";
import { editRoutes } from "./edit";
import { listRoutes } from "./list";

export const usersRoutes = new Hono<DashEnv>();
for (const routes of [listRoutes, editRoutes]) usersRoutes.route("/", routes);
