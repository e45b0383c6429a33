// EasyPost: an Event whose `result` is a Tracker (tracker.created / tracker.updated), signed with
// `X-Hmac-Signature: hmac-sha256-hex=<hex HMAC-SHA256 of the raw body>`; the key is the webhook secret after Unicode
// NFKD normalization, as EasyPost's own client libraries compute it. A Tracker's tracking_details carry no id of
// their own: an event is named by the tracker, its time and its status, which is stable across EasyPost's resends.
import { fromEasyPost } from "../../carriers/status";
import { fromHex, hmacMatches } from "./hmac";
import { place, str, timeOf, type TrackingProvider } from "./provider";

const PREFIX = "hmac-sha256-hex=";
const TRACKER_EVENTS = new Set(["tracker.created", "tracker.updated"]);

interface Detail {
  status?: string;
  datetime?: string;
  message?: string;
  tracking_location?: { city?: string; state?: string; country?: string; zip?: string } | null;
}

export const easypost: TrackingProvider = {
  async verify({ headers, body }, secret) {
    const header = headers.get("x-hmac-signature") ?? "";
    if (!header.startsWith(PREFIX)) return false;
    return hmacMatches(secret.normalize("NFKD"), body, fromHex(header.slice(PREFIX.length)));
  },
  parse(body) {
    const event = body as { description?: string; result?: Record<string, unknown> };
    if (!TRACKER_EVENTS.has(event.description ?? "")) return [];
    const tracker = event.result;
    const code = str(tracker?.tracking_code);
    if (!tracker || !code) throw new Error("result.tracking_code is missing");
    const trackerId = str(tracker.id) ?? code;
    const details = Array.isArray(tracker.tracking_details) ? (tracker.tracking_details as Detail[]) : [];
    return [
      {
        ref: { carrier: str(tracker.carrier) ?? "unknown", trackingNumber: code },
        events: details.map((d) => {
          const loc = d.tracking_location;
          return {
            id: `${trackerId}:${d.datetime}:${d.status}`,
            status: fromEasyPost(d.status),
            at: timeOf(d.datetime),
            message: str(d.message),
            location: loc ? place(loc.city, loc.state, loc.zip, loc.country) : null,
          };
        }),
      },
    ];
  },
};
