// How the Worker reaches a cell: one Durable Object per location × SKU, named so the pair is unambiguous.
// A striped SKU (src/striping/) has more cells at the location: stripe 0 is the ordinary cell, stripe k ≥ 1 is a cell
// of its own whose SKU is "<sku>#k" ("#" is never part of a SKU). A hold reserved on stripe k carries ".s<k>" at the
// end of its id, so whoever commits, releases or ships it later reaches the right stripe without asking anyone.
import type { Env } from "../env";

export const cellName = (sku: string, locationId: string) => `${locationId}/${sku}`;

/** The SKU the cell of stripe `k` knows itself by. */
export const stripeSku = (sku: string, k: number) => (k > 0 ? `${sku}#${k}` : sku);
/** The SKU a cell's SKU is a stripe of (itself when not a stripe). */
export const baseSku = (cellSku: string) => cellSku.split("#")[0];
/** A hold id that says it lives on stripe `k` (unchanged for stripe 0). */
export const onStripe = (holdId: string, k: number) => (k > 0 ? `${holdId}.s${k}` : holdId);
/** The stripe a hold lives on: 0 unless its id says otherwise. */
export const stripeOfHold = (holdId: string) => Number(/\.s(\d+)$/.exec(holdId)?.[1] ?? 0);

const stub = (env: Pick<Env, "INVENTORY">, sku: string, locationId: string) => env.INVENTORY.get(env.INVENTORY.idFromName(cellName(sku, locationId)));

type CellStub = ReturnType<typeof stub>;

/**
 * The cell of a SKU at a location. Hold operations go to the stripe named in the hold id, so every caller that
 * reserves, commits, releases or fulfills by hold id reaches the stripe that has the hold.
 */
export function cellOf(env: Pick<Env, "INVENTORY">, sku: string, locationId: string): CellStub {
  const main = stub(env, sku, locationId);
  const at = (holdId: string) => {
    const k = stripeOfHold(holdId);
    return k ? { cell: stub(env, stripeSku(sku, k), locationId), id: { sku: stripeSku(sku, k), locationId } } : null;
  };
  return new Proxy(main, {
    get(target, prop) {
      if (prop === "reserve")
        return (cell: Parameters<CellStub["reserve"]>[0], req: Parameters<CellStub["reserve"]>[1]) => {
          const s = at(req.holdId);
          return s ? s.cell.reserve(s.id, req) : target.reserve(cell, req);
        };
      if (prop === "commit" || prop === "release" || prop === "fulfill")
        return (holdId: string, ...rest: unknown[]) => {
          const cell = at(holdId)?.cell ?? target;
          return (cell[prop] as (id: string, ...r: unknown[]) => unknown)(holdId, ...rest);
        };
      const value = (target as unknown as Record<string | symbol, unknown>)[prop];
      // The stub's native fetch refuses any other `this` (workerd's illegal invocation); RPC methods do not care, and
      // must not be touched: any property of an RPC stub, `bind` included, is a call to the object.
      return prop === "fetch" ? Function.prototype.bind.call(value as () => unknown, target) : value;
    },
  });
}

/** The cell of stripe `k` itself (stripe 0 is the SKU's ordinary cell). */
export const stripeCellOf = (env: Pick<Env, "INVENTORY">, sku: string, locationId: string, k: number) => stub(env, stripeSku(sku, k), locationId);
