// Pickup in store: the store accepts or rejects, marks ready (a code for the customer), hands over on the code; the
// cron cancels what is not collected in time (expire.ts).
import { actor } from "../http/actor";
import { notFound } from "../http/problem";
import { createRouter } from "../http/router";
import { getLocation } from "../locations/store";
import { acceptPickup, rejectPickup } from "./answer";
import { handOver } from "./handover";
import { markReady } from "./ready";
import * as routes from "./routes";
import { pickupSettings, setHoldDays } from "./settings";
import { rereadPickup } from "./store";

export const pickupRoutes = createRouter()
  .openapi(routes.getPickup, async (c) => c.json(await rereadPickup(c.env.DB, c.req.valid("param").id), 200))
  .openapi(routes.acceptPickup, async (c) => c.json(await acceptPickup(c.env, actor(c), c.req.valid("param").id), 200))
  .openapi(routes.rejectPickup, async (c) => c.json(await rejectPickup(c.env, actor(c), c.req.valid("param").id, c.req.valid("json").reason), 200))
  .openapi(routes.readyPickup, async (c) => {
    const body = (c.req.valid("json") as { parcel?: Parameters<typeof markReady>[3] } | undefined) ?? {};
    return c.json(await markReady(c.env, actor(c), c.req.valid("param").id, body.parcel), 200);
  })
  .openapi(routes.handOverPickup, async (c) => c.json(await handOver(c.env, actor(c), c.req.valid("param").id, c.req.valid("json").code), 200))
  .openapi(routes.getPickupSettings, async (c) => c.json(await pickupSettings(c.env.DB), 200))
  .openapi(routes.setPickupSettings, async (c) => {
    const { location_id, hold_days } = c.req.valid("json");
    if (location_id && !(await getLocation(c.env.DB, location_id))) throw notFound("location_not_found", `No location has the id ${location_id}.`);
    return c.json(await setHoldDays(c.env.DB, location_id, hold_days), 200);
  });
