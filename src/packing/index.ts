// The packing bench: scans of units into a shipment's parcel, refused ones counted (see record.ts).
import { actor } from "../http/actor";
import { createRouter } from "../http/router";
import { fulfillmentOr404 } from "../fulfillment/store";
import { recordScan } from "./record";
import * as routes from "./routes";
import { tallyOf } from "./tally";

export const packingRoutes = createRouter()
  .openapi(routes.recordPackScan, async (c) =>
    c.json(await recordScan(c.env.DB, actor(c), c.req.valid("param").id, c.req.valid("json").code), 201),
  )
  .openapi(routes.getPackTally, async (c) => c.json(await tallyOf(c.env.DB, await fulfillmentOr404(c.env.DB, c.req.valid("param").id)), 200));
