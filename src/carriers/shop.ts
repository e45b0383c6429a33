// Rate shopping, pure: of the rates every account offered, the services that keep the order's promise, cheapest first.
import type { Speed } from "../domain/carrier";
import type { CarrierRate } from "./carrier";

/** A service this many days or fewer in transit counts as express when the provider does not classify it. */
export const EXPRESS_MAX_DAYS = 2;
const DAY_MS = 86_400_000;

export interface DeliveryPromise {
  speed: Speed;
  /** Epoch ms the parcel must arrive by (a delivery promise); absent when the order promised no date. */
  deliverBy?: number;
  /** When the parcel leaves (epoch ms); transit days count from here. */
  now: number;
}

const speedOf = (r: CarrierRate): Speed | null =>
  r.speed ?? (r.transitDays === null ? null : r.transitDays <= EXPRESS_MAX_DAYS ? "express" : "standard");

/**
 * Express meets any request, standard only a standard one; a service of unknown speed meets only a standard one.
 * With a promised date, the estimated transit must land by it: a service without an estimate cannot promise one.
 */
export function keepsPromise(rate: CarrierRate, promise: DeliveryPromise): boolean {
  if (promise.speed === "express" && speedOf(rate) !== "express") return false;
  if (promise.deliverBy !== undefined) {
    if (rate.transitDays === null) return false;
    if (promise.now + rate.transitDays * DAY_MS > promise.deliverBy) return false;
  }
  return true;
}

/**
 * The cheapest rate that keeps the promise; ties go to the faster one (unknown transit last), then to the order the
 * accounts and their rates came in, so the same answers always pick the same service.
 */
export function cheapest(rates: readonly CarrierRate[], promise: DeliveryPromise): CarrierRate | null {
  const days = (r: CarrierRate) => r.transitDays ?? Number.POSITIVE_INFINITY;
  const ranked = rates
    .map((rate, i) => ({ rate, i }))
    .filter(({ rate }) => keepsPromise(rate, promise))
    .sort((a, b) => a.rate.price - b.rate.price || days(a.rate) - days(b.rate) || a.i - b.i);
  return ranked[0]?.rate ?? null;
}
