// What an exchange is worth on each side, without I/O. The returned units count at what was actually paid for them:
// their line's total spread over its units not cancelled (so a discount on the line goes with its units).
export interface ReturnedUnits {
  quantity: number;
  line: { total: number; quantity: number; cancelled_quantity: number };
}

export function returnedValue(units: ReturnedUnits[]): number {
  return units.reduce((t, u) => {
    const live = u.line.quantity - u.line.cancelled_quantity;
    return live > 0 ? t + Math.floor((u.line.total * Math.min(u.quantity, live)) / live) : t;
  }, 0);
}

export const newValue = (items: { quantity: number; unit_price: number }[]) => items.reduce((t, i) => t + i.quantity * i.unit_price, 0);

/**
 * How the difference is settled when the replacement is sent: the returned units' value pays for the new ones up to
 * `credit`; the shopper pays `owed` beyond it; the shop refunds `refund` of what it exceeds.
 */
export function settlement(returned: number, added: number) {
  return { credit: Math.min(returned, added), owed: Math.max(0, added - returned), refund: Math.max(0, returned - added) };
}
