import { Hono } from "hono";
import type { DashEnv } from "../shell/env";

export const fulfillmentRoutes = new Hono<DashEnv>();
