import { Hono } from "hono";
import type { DashEnv } from "../shell/env";

export const customersRoutes = new Hono<DashEnv>();
