// Carrier choice v1: the cheapest rate whose band covers the parcel and whose speed meets what the shopper asked for.
// Pure: the caller brings the rate table (carrier_rates in D1).

export type Speed = "standard" | "express";

export interface Rate {
  id: string;
  carrier: string;
  service: string;
  speed: Speed;
  transitDays: number;
  /** The band covers parcels up to this distance, inclusive. */
  maxKm: number;
  /** …and up to this weight, inclusive. */
  maxWeightGrams: number;
  /** Minor units of `currency`. */
  price: number;
  currency: string;
}

export interface Shipment {
  speed: Speed;
  /** Unknown distance (an address without coordinates): pass Infinity to get the widest band, see `widestKm`. */
  distanceKm: number;
  weightGrams: number;
}

/** Express meets any request; standard only a standard one. */
const meets = (offered: Speed, wanted: Speed) => offered === "express" || wanted === "standard";

/** The largest distance any rate covers: where a parcel of unknown distance is priced. */
export const widestKm = (rates: readonly Rate[]) => rates.reduce((m, r) => Math.max(m, r.maxKm), 0);

/**
 * Cheapest covering rate; ties go to the faster one, then to a stable order (carrier, service) so the same
 * table always gives the same answer. Null when no rate covers the parcel.
 */
export function chooseService(rates: readonly Rate[], shipment: Shipment): Rate | null {
  const distance = Number.isFinite(shipment.distanceKm) ? shipment.distanceKm : widestKm(rates);
  const fits = rates.filter(
    (r) => meets(r.speed, shipment.speed) && distance <= r.maxKm && shipment.weightGrams <= r.maxWeightGrams,
  );
  fits.sort(
    (a, b) =>
      a.price - b.price ||
      a.transitDays - b.transitDays ||
      a.carrier.localeCompare(b.carrier) ||
      a.service.localeCompare(b.service),
  );
  return fits[0] ?? null;
}
