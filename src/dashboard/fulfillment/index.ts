// Fulfillment, per location: the queue by state, pick lists for a batch and their walk, and the packing bench.
import { Hono } from "hono";
import type { DashEnv } from "../shell/env";
import { packRoutes } from "./pack";
import { pickListRoutes } from "./pick-list";
import { pickWalkRoutes } from "./pick-walk";
import { queueRoutes } from "./queue";

export const fulfillmentRoutes = new Hono<DashEnv>();
fulfillmentRoutes.route("/", queueRoutes);
fulfillmentRoutes.route("/", pickListRoutes);
fulfillmentRoutes.route("/", pickWalkRoutes);
fulfillmentRoutes.route("/", packRoutes);
