// One carrier interface, whoever prints the label: EasyPost, Shippo, or the merchant's own courier. The label job,
// the void on cancel and the tracking poller speak only this; each adapter speaks its provider's documented HTTP API.
import type { Address } from "../domain/address";
import type { Speed } from "../domain/carrier";
import type { TrackingStatus } from "./status";

export type Provider = "easypost" | "shippo" | "own";

/** A carrier account as the adapters need it (src/carrier-accounts keeps them; the key never leaves the server). */
export interface CarrierAccount {
  id: string;
  provider: Provider;
  name: string;
  apiKey: string | null;
  baseUrl: string | null;
  locationIds: string[];
  services: string[];
  poll: boolean;
}

export interface Parcel {
  weightGrams: number;
  lengthCm?: number;
  widthCm?: number;
  heightCm?: number;
}

/** What to ship: the fulfillment it is for, where from and to, the parcel; distance for rate tables priced by bands. */
export interface ShipmentRequest {
  reference: string;
  orderNumber: number;
  from: Address;
  to: Address;
  parcel: Parcel;
  /** Infinity when the destination has no coordinates. */
  distanceKm: number;
  createdAt: number;
}

export interface CarrierRate {
  accountId: string;
  provider: Provider;
  /** The provider's rate id (EasyPost rate_…, Shippo rate object_id; own: carrier_rates.id). */
  rateId: string;
  /** The provider's shipment the rate belongs to (EasyPost shp_…, Shippo shipment object_id); own: null. */
  shipmentId: string | null;
  carrier: string;
  service: string;
  /** Minor units of `currency`. */
  price: number;
  currency: string;
  /** Estimated days in transit; null when the provider does not say. */
  transitDays: number | null;
  /** Set when the provider says which speed class the service is (own rate table); else derived from transitDays. */
  speed?: Speed;
}

export interface BoughtLabel {
  carrier: string;
  service: string;
  trackingNumber: string;
  shipmentId: string | null;
  /** Shippo's transaction object_id (what a refund names); EasyPost has none beyond the shipment. */
  transactionId: string | null;
  price: number;
  currency: string;
  /** The label file exactly as the carrier gave it. */
  file: { bytes: Uint8Array; contentType: string };
}

/** What a label purchase left on the fulfillment: enough to find it again, void it and track it. */
export interface Purchase {
  shipmentId: string | null;
  rateId: string | null;
  transactionId: string | null;
  trackingNumber: string | null;
  carrier: string | null;
  /** When the purchase was started (epoch ms): a provider search for it need not look further back. */
  since: number;
}

export interface VoidResult {
  status: "submitted" | "voided" | "rejected";
  message: string | null;
}

export interface TrackingEvent {
  id: string;
  status: TrackingStatus;
  at: number;
  message: string | null;
  location: string | null;
}

export interface Carrier {
  rates(req: ShipmentRequest): Promise<CarrierRate[]>;
  buy(rate: CarrierRate, req: ShipmentRequest): Promise<BoughtLabel>;
  /** A purchase that may have completed at the provider before we could record it; null when it did not. */
  findBought(purchase: Purchase, req: ShipmentRequest): Promise<BoughtLabel | null>;
  void(purchase: Purchase): Promise<VoidResult>;
  track(purchase: Purchase): Promise<TrackingEvent[]>;
}

/**
 * A provider that is down or refused: thrown so the queue retries the job, and worded so the dead letter it may
 * become tells the merchant what the carrier said.
 */
export class CarrierError extends Error {
  constructor(provider: Provider, status: number | null, message: string) {
    super(`${provider}${status ? ` ${status}` : ""}: ${message}`);
    this.name = "CarrierError";
  }
}

/** "7.58" (a provider's decimal amount) → 758 minor units. Providers quote two-decimal currencies here. */
export function minorUnits(amount: string | number): number {
  const n = typeof amount === "number" ? amount : Number.parseFloat(amount);
  if (!Number.isFinite(n)) throw new Error(`not an amount: ${amount}`);
  return Math.round(n * 100);
}
