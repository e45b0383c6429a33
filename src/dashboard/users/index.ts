import { Hono } from "hono";
import type { DashEnv } from "../shell/env";

export const usersRoutes = new Hono<DashEnv>();
