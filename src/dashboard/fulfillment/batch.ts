// A batch of shipments to pick together: read through the API, only this location's, and its units summed per SKU in
// walking order: by the bins of the location (GET /v1/locations/{id}/bins), SKUs without a bin last, by SKU.
import type { Context } from "hono";
import { api } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { type Shipment, shipmentOf } from "./moves";

export interface PickRow {
  sku: string;
  title: string;
  /** The SKU's bin at this location, and where it comes on the walk; null without one. */
  bin: string | null;
  walk: number | null;
  quantity: number;
  /** Which shipment takes how many. */
  into: { id: string; quantity: number }[];
}

export const MAX_BATCH = 50;

/** The ids of the batch from `?ids=a&ids=b` or `?ids=a,b`, deduplicated. */
export const batchIds = (values: string[]) => [...new Set(values.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean))].slice(0, MAX_BATCH);

export async function loadBatch(c: Context<DashEnv>, locationId: string, ids: string[]) {
  const found = await Promise.all(ids.map((id) => shipmentOf(c, id)));
  // A shipment of another location is not part of this location's batch, whatever the URL says.
  const shipments = found.flatMap((r) => (r.ok && r.data.location_id === locationId ? [r.data] : []));
  const missing = ids.filter((id) => !shipments.some((s) => s.id === id));
  return { shipments, missing, rows: await pickRows(c, locationId, shipments) };
}

async function pickRows(c: Context<DashEnv>, locationId: string, shipments: Shipment[]): Promise<PickRow[]> {
  const bySku = new Map<string, PickRow>();
  for (const s of shipments)
    for (const l of s.lines) {
      const row = bySku.get(l.sku) ?? { sku: l.sku, title: "", bin: null, walk: null, quantity: 0, into: [] };
      row.quantity += l.quantity;
      const into = row.into.find((x) => x.id === s.id);
      if (into) into.quantity += l.quantity;
      else row.into.push({ id: s.id, quantity: l.quantity });
      bySku.set(l.sku, row);
    }
  const skus = [...bySku.keys()];
  for (let i = 0; i < skus.length; i += 100) {
    const q = new URLSearchParams({ limit: "200" });
    for (const sku of skus.slice(i, i + 100)) q.append("sku", sku);
    const variants = await api<{ data: { sku: string; title: string }[] }>(c, "GET", `/v1/variants?${q}`);
    if (variants.ok) for (const v of variants.data.data) bySku.get(v.sku)!.title = v.title;
  }
  const bins = await api<{ data: { sku: string; code: string; walk_order: number }[] }>(c, "GET", `/v1/locations/${encodeURIComponent(locationId)}/bins`);
  if (bins.ok)
    for (const b of bins.data.data) {
      const row = bySku.get(b.sku);
      if (row) Object.assign(row, { bin: b.code, walk: b.walk_order });
    }
  return [...bySku.values()].sort(byWalk);
}

/** Bin walk order; a SKU without a bin after every bin, then by SKU. */
export function byWalk(a: { bin: string | null; walk: number | null; sku: string }, b: { bin: string | null; walk: number | null; sku: string }) {
  if ((a.walk === null) !== (b.walk === null)) return a.walk === null ? 1 : -1;
  if (a.walk !== b.walk) return a.walk! - b.walk!;
  const ab = (a.bin ?? "").localeCompare(b.bin ?? "");
  return ab || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0);
}
