import { Hono } from "hono";
import type { DashEnv } from "../shell/env";

export const channelsRoutes = new Hono<DashEnv>();
