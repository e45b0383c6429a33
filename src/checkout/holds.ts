// Holds across several cells, all or nothing.
import type { Env } from "../env";
import { cellOf } from "../inventory/cells";
import type { HoldResult } from "../inventory/types";
import { noteSnapshots } from "../read-model/cache";

export interface PlannedHold {
  holdId: string;
  sku: string;
  locationId: string;
  qty: number;
}

export async function reserveAll(env: Env, holds: PlannedHold[], ref: string, ttlMs: number, commit = false) {
  const results = await noted(
    Promise.all(
      holds.map((h) => cellOf(env, h.sku, h.locationId).reserve({ sku: h.sku, locationId: h.locationId }, { holdId: h.holdId, ref, qty: h.qty, ttlMs, commit })),
    ),
  );
  return holds.map((hold, i) => ({ hold, result: results[i] }));
}

export async function releaseAll(env: Env, holds: Pick<PlannedHold, "holdId" | "sku" | "locationId">[], reason: string, opts: { onlyIfHeld?: boolean } = {}) {
  return noted(Promise.all(holds.map((h) => cellOf(env, h.sku, h.locationId).release(h.holdId, reason, opts))));
}

export async function commitAll(env: Env, holds: Pick<PlannedHold, "holdId" | "sku" | "locationId">[]): Promise<HoldResult[]> {
  return noted(Promise.all(holds.map((h) => cellOf(env, h.sku, h.locationId).commit(h.holdId))));
}

/** Every answer from a cell refreshes this isolate's read cache. */
async function noted(pending: Promise<HoldResult[]>) {
  const results = await pending;
  noteSnapshots(results.map((r) => r.snapshot));
  return results;
}
