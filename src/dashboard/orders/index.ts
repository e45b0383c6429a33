// The Orders screen: the list (filters, views, bulk actions, export) and one order's page with its actions.
import { Hono } from "hono";
import type { DashEnv } from "../shell/env";
import { screen } from "../shell/guard";
import { actionRoutes } from "./actions";
import { bulkAction } from "./bulk";
import { detailPage } from "./detail-page";
import { documentRoutes } from "./documents";
import { exportCsv } from "./export";
import { listPage } from "./list-page";
import { viewsRoutes } from "./views-routes";

export const ordersRoutes = new Hono<DashEnv>();

ordersRoutes.get("/orders", screen("orders"), listPage);
ordersRoutes.get("/orders/export.csv", screen("orders"), exportCsv);
ordersRoutes.post("/orders/bulk", screen("orders"), bulkAction);
ordersRoutes.route("/", viewsRoutes);
ordersRoutes.route("/", documentRoutes);
ordersRoutes.route("/", actionRoutes);
ordersRoutes.get("/orders/:id", screen("orders"), detailPage);
