// Carriers speak their own tracking vocabularies; the rest of edge-oms speaks one. These pure maps are the only
// place that knows both, so the tracking feature (webhooks) and the carrier poller (src/carriers/poll.ts) agree.

export type TrackingStatus =
  | "pre_transit"
  | "in_transit"
  | "out_for_delivery"
  | "delivered"
  | "available_for_pickup"
  | "exception"
  | "returned_to_sender";

/**
 * EasyPost Tracker.status / tracking_details[].status: unknown, pre_transit, in_transit, out_for_delivery,
 * delivered, available_for_pickup, return_to_sender, failure, cancelled, error.
 * `unknown` (carrier has not scanned it yet) is treated as pre_transit; failure/cancelled/error are exceptions.
 */
export function fromEasyPost(status: string | null | undefined): TrackingStatus {
  switch ((status ?? "").toLowerCase()) {
    case "pre_transit":
    case "unknown":
    case "":
      return "pre_transit";
    case "in_transit":
      return "in_transit";
    case "out_for_delivery":
      return "out_for_delivery";
    case "delivered":
      return "delivered";
    case "available_for_pickup":
      return "available_for_pickup";
    case "return_to_sender":
      return "returned_to_sender";
    default:
      // failure, cancelled, error, and anything EasyPost adds later: a human should look at it.
      return "exception";
  }
}

/**
 * Shippo tracking_status.status: PRE_TRANSIT, TRANSIT, DELIVERED, RETURNED, FAILURE, UNKNOWN; the optional
 * substatus refines it (e.g. out_for_delivery, pickup_available, return_to_sender). Pass the substatus code
 * when there is one: it is what tells "out for delivery" and "ready for pickup" apart from plain transit.
 */
export function fromShippo(status: string | null | undefined, substatus?: string | null): TrackingStatus {
  const sub = (substatus ?? "").toLowerCase();
  switch ((status ?? "").toUpperCase()) {
    case "PRE_TRANSIT":
    case "UNKNOWN":
    case "":
      return "pre_transit";
    case "TRANSIT":
      if (sub === "out_for_delivery") return "out_for_delivery";
      if (sub === "pickup_available") return "available_for_pickup";
      if (sub === "return_to_sender") return "returned_to_sender";
      return "in_transit";
    case "DELIVERED":
      return "delivered";
    case "RETURNED":
      return "returned_to_sender";
    default:
      // FAILURE and anything Shippo adds later.
      return "exception";
  }
}
