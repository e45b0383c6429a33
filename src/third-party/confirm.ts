// The 3PL says the parcel left, with its tracking: the shipment ships through the fulfillment's own moves (pack when
// it is not packed yet, then ship: stock leaves the cell, statuses and events follow). The same confirmation again
// answers the shipment as it is; another tracking number for a shipment already shipped is a conflict.
import type { Env } from "../env";
import type { Parcel } from "../fulfillment/schemas";
import { fulfillmentOr404, presentFulfillment } from "../fulfillment/store";
import { pack, ship } from "../fulfillment/transitions";
import { conflict, notFound, validationFailed } from "../http/problem";
import type { z } from "@hono/zod-openapi";

interface Confirmation {
  carrier: string;
  service: string;
  tracking_number: string;
  shipped_at: number;
  parcel?: z.infer<typeof Parcel>;
}

export async function confirmThirdParty(env: Env, actor: string, id: string, input: Confirmation) {
  const request = await env.DB.prepare("SELECT status FROM third_party_requests WHERE fulfillment_id = ?").bind(id).first<{ status: string }>();
  const f = await fulfillmentOr404(env.DB, id);
  if (!request) throw notFound("third_party_request_not_found", "This shipment was not requested from a 3PL.");
  let status = f.row.status;
  if (status === "shipped" || status === "delivered") {
    if (f.row.tracking_number !== input.tracking_number || f.row.carrier !== input.carrier)
      throw conflict("already_shipped", "This shipment already shipped with other tracking.", { carrier: f.row.carrier, tracking_number: f.row.tracking_number });
  } else {
    if (status === "pending" || status === "picking") {
      if (!input.parcel) throw validationFailed([{ field: "body.parcel", message: "Required: the shipment is not packed yet, say what the 3PL packed" }]);
      status = (await pack(env, actor, id, input.parcel)).status;
    }
    await ship(env, actor, id, { carrier: input.carrier, service: input.service, tracking_number: input.tracking_number });
  }
  const now = Date.now();
  await env.DB.prepare(
    "UPDATE third_party_requests SET status = 'confirmed', confirmed_at = COALESCE(confirmed_at, ?), reported_shipped_at = COALESCE(reported_shipped_at, ?), updated_at = ? WHERE fulfillment_id = ?",
  )
    .bind(now, input.shipped_at, now, id)
    .run();
  return presentFulfillment(await fulfillmentOr404(env.DB, id));
}
