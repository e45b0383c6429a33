import { Hono } from "hono";
import type { DashEnv } from "../shell/env";

export const todayRoutes = new Hono<DashEnv>();
