import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv, Env } from "../env";
import { notFound } from "../http/problem";
import type * as routes from "./routes";

interface DocumentRow {
  id: string;
  tracking_number: string | null;
  label_key: string | null;
  packing_slip_key: string | null;
  shipping_speed: string;
}

async function documentRow(env: Env, id: string) {
  const row = await env.DB.prepare(
    `SELECT f.id, f.tracking_number, f.label_key, f.packing_slip_key, o.shipping_speed
     FROM fulfillments f JOIN orders o ON o.id = f.order_id WHERE f.id = ?`,
  )
    .bind(id)
    .first<DocumentRow>();
  if (!row) throw notFound("fulfillment_not_found", "No fulfillment has this id.");
  return row;
}

async function pdfResponse(env: Env, key: string | null, filename: string) {
  const object = key ? await env.DOCUMENTS.get(key) : null;
  if (!object) throw notFound("label_not_ready", "The document is being made; ask again in a moment.");
  return new Response(object.body, {
    status: 200,
    headers: {
      "content-type": "application/pdf",
      "content-length": String(object.size),
      "content-disposition": `inline; filename="${filename}"`,
      etag: object.httpEtag,
    },
  });
}

export const getLabel: RouteHandler<typeof routes.getLabel, AppEnv> = async (c) => {
  const row = await documentRow(c.env, c.req.valid("param").id);
  if (row.shipping_speed === "pickup") throw notFound("no_carrier_label", "Pickup orders travel without a carrier label.");
  return pdfResponse(c.env, row.label_key, `label-${row.tracking_number}.pdf`);
};

export const getPackingSlip: RouteHandler<typeof routes.getPackingSlip, AppEnv> = async (c) => {
  const row = await documentRow(c.env, c.req.valid("param").id);
  return pdfResponse(c.env, row.packing_slip_key, `packing-slip-${row.id}.pdf`);
};
