// Pick lists: a location's pending shipments claimed into totes, walked in bin order, each line confirmed.
import { actor } from "../http/actor";
import { createRouter } from "../http/router";
import { confirmPick } from "./confirm";
import { createPickList } from "./create";
import * as routes from "./routes";
import { pickListOr404 } from "./view";

export const pickingRoutes = createRouter()
  .openapi(routes.createPickList, async (c) => c.json(await createPickList(c.env, actor(c), c.req.valid("param").id, c.req.valid("json")), 201))
  .openapi(routes.getPickList, async (c) => c.json(await pickListOr404(c.env.DB, c.req.valid("param").id), 200))
  .openapi(routes.recordPick, async (c) => c.json(await confirmPick(c.env, actor(c), c.req.valid("param").id, c.req.valid("json")), 201));
