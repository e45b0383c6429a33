// AfterShip's tracking vocabulary (msg.tag, refined by subtag) in ours. Pure. The EasyPost and Shippo maps live with
// the carriers (src/carriers/status.ts); AfterShip is only an aggregator of tracking, so its map lives here.
import type { TrackingStatus } from "./record";

/**
 * Tags: Pending, InfoReceived, InTransit, OutForDelivery, AttemptFail, Delivered, AvailableForPickup, Exception,
 * Expired. Exception_010 and Exception_011 are AfterShip's "returning / returned to sender" subtags.
 */
export function fromAfterShip(tag: string | null | undefined, subtag?: string | null): TrackingStatus {
  switch (tag ?? "") {
    case "Pending":
    case "InfoReceived":
    case "":
      return "pre_transit";
    case "InTransit":
      return "in_transit";
    case "OutForDelivery":
      return "out_for_delivery";
    case "Delivered":
      return "delivered";
    case "AvailableForPickup":
      return "available_for_pickup";
    case "Exception":
      return subtag === "Exception_010" || subtag === "Exception_011" ? "returned_to_sender" : "exception";
    default:
      // AttemptFail, Expired and anything AfterShip adds later: someone should look at the parcel.
      return "exception";
  }
}
