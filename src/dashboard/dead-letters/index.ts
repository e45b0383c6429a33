import { Hono } from "hono";
import type { DashEnv } from "../shell/env";

export const deadLettersRoutes = new Hono<DashEnv>();
