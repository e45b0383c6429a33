import { Hono } from "hono";
import type { DashEnv } from "../shell/env";

export const analyticsRoutes = new Hono<DashEnv>();
