import { Hono } from "hono";
import type { DashEnv } from "../shell/env";

export const settingsRoutes = new Hono<DashEnv>();
