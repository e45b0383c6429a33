// 3PL and drop-ship locations: a signed fulfillment request per shipment (request.ts, send.ts), confirmed back with
// tracking (confirm.ts); requests not confirmed in time raise an alert (alerts.ts, from the cron).
import { actor } from "../http/actor";
import { createRouter } from "../http/router";
import { listAlerts } from "./alerts";
import { confirmThirdParty } from "./confirm";
import { endpointOr404, setEndpoint } from "./endpoint";
import * as routes from "./routes";
import { requestOr404 } from "./view";

export const thirdPartyRoutes = createRouter()
  .openapi(routes.getThirdPartyEndpoint, async (c) => c.json(await endpointOr404(c.env.DB, c.req.valid("param").id), 200))
  .openapi(routes.setThirdPartyEndpoint, async (c) => c.json(await setEndpoint(c.env, c.req.valid("param").id, c.req.valid("json")), 200))
  .openapi(routes.confirmThirdPartyShipment, async (c) => c.json(await confirmThirdParty(c.env, actor(c), c.req.valid("param").id, c.req.valid("json")), 200))
  .openapi(routes.getThirdPartyRequest, async (c) => c.json(await requestOr404(c.env.DB, c.req.valid("param").id), 200))
  .openapi(routes.listThirdPartyAlerts, async (c) => c.json(await listAlerts(c.env.DB, c.req.valid("query")), 200));
