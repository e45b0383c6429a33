// Count tasks: which cells to count again, and the count that closed each.
import { createRouter } from "../http/router";
import * as routes from "./routes";
import { listCountTasks } from "./store";

export const countTaskRoutes = createRouter().openapi(routes.listCountTasks, async (c) => c.json(await listCountTasks(c.env.DB, c.req.valid("query")), 200));
