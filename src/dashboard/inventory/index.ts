import { Hono } from "hono";
import type { DashEnv } from "../shell/env";

export const inventoryRoutes = new Hono<DashEnv>();
