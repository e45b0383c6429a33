// The customers screens (issue 11 §2): search, one customer, and the export and erasure. Warehouse users never open them.
import { Hono } from "hono";
import type { DashEnv } from "../shell/env";
import { detailRoutes } from "./detail";
import { listRoutes } from "./list";
import { privacyRoutes } from "./privacy";

export const customersRoutes = new Hono<DashEnv>();
for (const routes of [listRoutes, privacyRoutes, detailRoutes]) customersRoutes.route("/", routes);
