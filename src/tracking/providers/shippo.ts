// Shippo: `track_updated` with `data` a Track (tracking_number, carrier, tracking_status, tracking_history[]).
// Shippo's documented protections are an IP allowlist, a self-generated token the merchant appends to the webhook URL
// (`?token=…`, sent back on every POST) and an HMAC arranged through their account managers, whose header and format
// are not public. We use the token: the merchant sets it here and in Shippo's webhook URL; it is compared in constant
// time. Each history entry's object_id names the event.
import { fromShippo } from "../../carriers/status";
import { sameSecret } from "./hmac";
import { place, str, timeOf, type TrackingProvider } from "./provider";

interface ShippoStatus {
  object_id?: string;
  status?: string;
  substatus?: { code?: string } | null;
  status_details?: string;
  status_date?: string;
  location?: { city?: string; state?: string; zip?: string; country?: string } | null;
}

const eventOf = (s: ShippoStatus) => ({
  id: str(s.object_id) ?? `${s.status_date}:${s.status}:${s.substatus?.code ?? ""}`,
  status: fromShippo(s.status, s.substatus?.code),
  at: timeOf(s.status_date),
  message: str(s.status_details),
  location: s.location ? place(s.location.city, s.location.state, s.location.zip, s.location.country) : null,
});

export const shippo: TrackingProvider = {
  verify: ({ url }, secret) => sameSecret(url.searchParams.get("token") ?? "", secret),
  parse(body) {
    const event = body as { event?: string; data?: Record<string, unknown> };
    if (event.event !== "track_updated") return [];
    const track = event.data;
    const number = str(track?.tracking_number);
    if (!track || !number) throw new Error("data.tracking_number is missing");
    const history = Array.isArray(track.tracking_history) ? (track.tracking_history as ShippoStatus[]) : [];
    const current = track.tracking_status as ShippoStatus | null | undefined;
    // The current status is usually the last history entry too; same object_id, recorded once.
    const all = current ? [...history, current] : history;
    return [{ ref: { carrier: str(track.carrier) ?? "unknown", trackingNumber: number }, events: all.map(eventOf) }];
  },
};
