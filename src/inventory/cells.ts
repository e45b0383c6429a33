// How the Worker reaches a cell: one Durable Object per location × SKU, named so the pair is unambiguous.
import type { Env } from "../env";

export const cellName = (sku: string, locationId: string) => `${locationId}/${sku}`;

export function cellOf(env: Pick<Env, "INVENTORY">, sku: string, locationId: string) {
  return env.INVENTORY.get(env.INVENTORY.idFromName(cellName(sku, locationId)));
}
