// Bins per SKU × location: where a picker finds a SKU, and in which order the walk reaches it.
import { createRouter } from "../http/router";
import * as routes from "./routes";
import { binsOf, putBin } from "./store";

export const binRoutes = createRouter()
  .openapi(routes.setBin, async (c) => {
    const { id, sku } = c.req.valid("param");
    return c.json(await putBin(c.env.DB, id, sku, c.req.valid("json")), 200);
  })
  .openapi(routes.listBins, async (c) => c.json({ data: await binsOf(c.env.DB, c.req.valid("param").id, c.req.valid("query").sku) }, 200));
