import { Hono } from "hono";
import type { DashEnv } from "../shell/env";

export const ordersRoutes = new Hono<DashEnv>();
