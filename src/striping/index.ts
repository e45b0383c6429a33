// Striping a flash-sale SKU's stock across several InventoryCells (see turn.ts for which cell owns what).
import { createRouter } from "../http/router";
import { presentLevel } from "../inventory/present";
import { assertCellExists } from "../inventory/lookups";
import * as routes from "./routes";
import { setStripes, type StripingView, stripingOf } from "./turn";

const present = (v: StripingView) => ({
  sku: v.sku,
  location_id: v.locationId,
  stripes: v.stripes,
  level: presentLevel(v.total),
  cells: v.cells.map((c) => ({ stripe: c.stripe, active: c.active, on_hand: c.onHand, held: c.held, committed: c.committed, available: c.available })),
});

export const stripingRoutes = createRouter()
  .openapi(routes.setStriping, async (c) => {
    const { location_id, sku } = c.req.valid("param");
    await assertCellExists(c.env.DB, location_id, sku);
    return c.json(present(await setStripes(c.env, sku, location_id, c.req.valid("json").stripes)), 200);
  })
  .openapi(routes.stopStriping, async (c) => {
    const { location_id, sku } = c.req.valid("param");
    await assertCellExists(c.env.DB, location_id, sku);
    return c.json(present(await setStripes(c.env, sku, location_id, 1)), 200);
  })
  .openapi(routes.getStriping, async (c) => {
    const { location_id, sku } = c.req.valid("param");
    await assertCellExists(c.env.DB, location_id, sku);
    return c.json(present(await stripingOf(c.env, sku, location_id)), 200);
  });
