// What each tracking provider's webhook becomes once its signature holds: tracking updates in our vocabulary.
import type { TrackingEvent, TrackingRef } from "../record";

export const PROVIDERS = ["easypost", "shippo", "aftership"] as const;
export type ProviderName = (typeof PROVIDERS)[number];

export interface TrackingUpdate {
  ref: TrackingRef;
  events: TrackingEvent[];
}

export interface SignedRequest {
  headers: Headers;
  url: URL;
  body: string;
}

export interface TrackingProvider {
  /** Whether the request carries the provider's proof, for this secret. Constant time. */
  verify(request: SignedRequest, secret: string): Promise<boolean>;
  /** The updates in a verified body; empty for an event type that is not about tracking. Throws on a malformed body. */
  parse(body: unknown): TrackingUpdate[];
}

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);
export { str };

/** "Berlin, BE, DE": the parts a provider gives, in order, without the empty ones. */
export const place = (...parts: unknown[]) => parts.map(str).filter(Boolean).join(", ") || null;

/** Epoch ms of a provider's timestamp; NaN for one that cannot be read (the event is then dropped by the recorder). */
export const timeOf = (v: unknown) => (typeof v === "string" ? Date.parse(v) : Number.NaN);
