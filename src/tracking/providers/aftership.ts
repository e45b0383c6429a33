// AfterShip Tracking: `msg` is the tracking (tracking_number, slug, tag, checkpoints[]), signed with
// `aftership-hmac-sha256: base64(HMAC-SHA256(raw body, webhook secret))`. Checkpoints have no id: one is named by the
// tracking, its time and its tag.
import { fromAfterShip } from "../aftership-status";
import { fromBase64, hmacMatches } from "./hmac";
import { place, str, timeOf, type TrackingProvider } from "./provider";

interface Checkpoint {
  checkpoint_time?: string;
  tag?: string;
  subtag?: string;
  message?: string;
  location?: string;
  city?: string;
  state?: string;
  country_iso3?: string;
}

export const aftership: TrackingProvider = {
  async verify({ headers, body }, secret) {
    const mac = fromBase64(headers.get("aftership-hmac-sha256") ?? "");
    return hmacMatches(secret, body, mac);
  },
  parse(body) {
    const msg = (body as { msg?: Record<string, unknown> }).msg;
    const number = str(msg?.tracking_number);
    if (!msg || !number) return [];
    const id = str(msg.id) ?? number;
    const checkpoints = Array.isArray(msg.checkpoints) ? (msg.checkpoints as Checkpoint[]) : [];
    return [
      {
        ref: { carrier: str(msg.slug) ?? "unknown", trackingNumber: number },
        events: checkpoints.map((c) => ({
          id: `${id}:${c.checkpoint_time}:${c.tag}:${c.subtag ?? ""}`,
          status: fromAfterShip(c.tag, c.subtag),
          at: timeOf(c.checkpoint_time),
          message: str(c.message),
          location: str(c.location) ?? place(c.city, c.state, c.country_iso3),
        })),
      },
    ];
  },
};
