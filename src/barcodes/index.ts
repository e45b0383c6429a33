// Printed barcodes of variants: the packing bench maps a scanned one to its SKU (src/packing/record.ts).
import { createRouter } from "../http/router";
import * as routes from "./routes";
import { listBarcodes, putBarcode } from "./store";

export const barcodeRoutes = createRouter()
  .openapi(routes.setBarcode, async (c) => c.json(await putBarcode(c.env.DB, c.req.valid("param").code, c.req.valid("json").sku), 200))
  .openapi(routes.listBarcodes, async (c) => {
    const q = c.req.valid("query");
    return c.json({ data: await listBarcodes(c.env.DB, q.sku, q.limit) }, 200);
  });
