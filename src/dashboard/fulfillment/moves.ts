// Moving a shipment from the dashboard. The label job draws the label in the background and bumps the fulfillment's
// version when it stores it; a pack or ship that read the row just before lands as a stale write (409
// fulfillment_changed). Nothing the packer typed was wrong, the row only moved under them, so the dashboard reads the
// shipment again and retries once rather than making the person at the bench press the button a second time.
import type { Context } from "hono";
import { api, type ApiResult } from "../shell/api";
import type { DashEnv } from "../shell/env";

export interface Shipment {
  id: string;
  order_id: string;
  location_id: string;
  status: string;
  carrier: string | null;
  service: string | null;
  tracking_number: string | null;
  tracking_url: string | null;
  parcel: { weight_grams: number; length_cm: number; width_cm: number; height_cm: number } | null;
  lines: { id: string; sku: string; quantity: number }[];
  version: number;
  created_at: number;
  updated_at: number;
}

export const shipmentOf = (c: Context<DashEnv>, id: string) => api<Shipment>(c, "GET", `/v1/fulfillments/${encodeURIComponent(id)}`);

// Where the move may still go after the re-read: a shipment cancelled meanwhile is not retried into a parcel.
const FROM: Record<string, string[]> = { picking: ["pending"], pack: ["pending", "picking"], ship: ["packed"] };

export async function moveShipment(
  c: Context<DashEnv>,
  id: string,
  move: "picking" | "pack" | "ship",
  body: unknown,
  idem: string | undefined,
): Promise<ApiResult<Shipment>> {
  const path = `/v1/fulfillments/${encodeURIComponent(id)}/${move}`;
  const first = await api<Shipment>(c, "POST", path, { body, idempotencyKey: idem });
  if (first.ok || first.status !== 409 || first.problem.code !== "fulfillment_changed") return first;
  const now = await shipmentOf(c, id);
  if (!now.ok || !FROM[move].includes(now.data.status)) return first;
  // The first key's answer (the 409) is kept by the API, so the retry is a request of its own.
  return api<Shipment>(c, "POST", path, { body, idempotencyKey: idem ? `${idem}-after-label` : undefined });
}
