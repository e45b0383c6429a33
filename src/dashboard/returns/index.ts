// The returns screens (issue 11 §2 with issue 10's rules): the list, one return with its actions, receiving, refunding,
// the label, and recording a return for an order.
import { Hono } from "hono";
import type { DashEnv } from "../shell/env";
import { decideRoutes } from "./decide";
import { detailRoutes } from "./detail";
import { labelRoutes } from "./label";
import { listRoutes } from "./list";
import { newReturnRoutes } from "./new-return";
import { receiveRoutes } from "./receive";
import { refundRoutes } from "./refund";

export const returnsRoutes = new Hono<DashEnv>();
for (const routes of [listRoutes, refundRoutes, labelRoutes, detailRoutes, decideRoutes, receiveRoutes, newReturnRoutes]) returnsRoutes.route("/", routes);
