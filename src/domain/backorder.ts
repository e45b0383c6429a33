// Backorders and preorders, without I/O: which units of a checkout were promised beyond stock, and which waiting
// orders the units on hand at a cell now cover.

/** Units of a hold of `qty` that were beyond stock, given the cell's `available` right after reserving it. */
export const beyondStock = (qty: number, availableAfter: number) => Math.min(qty, Math.max(0, -availableAfter));

export interface Waiting {
  holdId: string;
  orderId: string;
  quantity: number;
  supply: "backorder" | "preorder";
  /** Preorders: the release date; not allocated before it. */
  availableOn: number | null;
  /** The order's creation: its place in the queue. */
  orderedAt: number;
}

export interface AllocationDecision {
  /** Holds whose units are now on hand, oldest order first. */
  allocate: Waiting[];
  /** The earliest release date of a preorder that waits only for its date: when to look again. */
  nextRelease: number | null;
}

/**
 * The cell's `available` already counts every waiting unit as promised, so the units on hand for the waiting holds are
 * `available` plus what they wait for. Oldest order first; a hold is covered whole (the cell ships a hold whole), and
 * strictly in turn: an order that does not fit stops the younger ones from overtaking it. A preorder before its release
 * date is passed over (it is not due) and does not hold up the others.
 */
export function allocateWaiting(available: number, waiting: Waiting[], now: number): AllocationDecision {
  const queue = [...waiting].sort((a, b) => a.orderedAt - b.orderedAt || (a.holdId < b.holdId ? -1 : 1));
  let onHand = available + queue.reduce((t, w) => t + w.quantity, 0);
  const allocate: Waiting[] = [];
  let nextRelease: number | null = null;
  for (const w of queue) {
    if (w.supply === "preorder" && w.availableOn !== null && w.availableOn > now) {
      nextRelease = nextRelease === null ? w.availableOn : Math.min(nextRelease, w.availableOn);
      continue;
    }
    if (w.quantity > onHand) break;
    allocate.push(w);
    onHand -= w.quantity;
  }
  return { allocate, nextRelease };
}
