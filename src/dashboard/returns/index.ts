import { Hono } from "hono";
import type { DashEnv } from "../shell/env";

export const returnsRoutes = new Hono<DashEnv>();
