// Inventory: every SKU at every location with its figures, and each cell's ledger and movements.
import { Hono } from "hono";
import type { DashEnv } from "../shell/env";
import { cellRoutes } from "./cell";
import { levelsRoutes } from "./levels";

export const inventoryRoutes = new Hono<DashEnv>();
inventoryRoutes.route("/", levelsRoutes);
inventoryRoutes.route("/", cellRoutes);
