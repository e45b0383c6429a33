// The delivery settings kept in the isolate for a moment, so availability and checkout add no D1 round trip when
// warm. The tables are small and change rarely; a change reaches other isolates within TTL_MS, this one at once.
// A stale promise only costs a date one day off for half a minute after a merchant edits a calendar.
import { type DeliverySettings, loadDeliverySettings } from "./settings";

const TTL_MS = 30_000;

let cached: { at: number; value: DeliverySettings } | null = null;
// The one read in flight: concurrent requests on a cold isolate share it instead of each reading D1.
let loading: Promise<DeliverySettings> | null = null;

/** Fresh from memory, or from one D1 batch. A stale entry is served while one request refreshes it. */
export function deliverySettings(db: D1Database, now = Date.now()): Promise<DeliverySettings> {
  if (cached && now - cached.at < TTL_MS) return Promise.resolve(cached.value);
  if (!loading) {
    loading = loadDeliverySettings(db)
      .then((value) => {
        cached = { at: Date.now(), value };
        return value;
      })
      .finally(() => {
        loading = null;
      });
  }
  return cached ? Promise.resolve(cached.value) : loading;
}

/** This isolate changed the settings: read them again next time. */
export function forgetDeliverySettings() {
  cached = null;
}
