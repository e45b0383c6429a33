// The delivery settings kept in the isolate for a moment, so availability and checkout add no D1 round trip when
// warm. The tables are small and change rarely; a change reaches other isolates within TTL_MS, this one at once.
// A stale promise only costs a date one day off for half a minute after a merchant edits a calendar.
// As in src/read-model/cache.ts, no request awaits a read another request started (Workers tie I/O to its request):
// a cold isolate reads per request; a stale entry is served while one request refreshes it in the background.
import { type DeliverySettings, loadDeliverySettings } from "./settings";

const TTL_MS = 30_000;
// A refresh that takes longer than this is presumed lost with its request; the next reader tries again.
const REFRESH_MS = 2_000;

let cached: { at: number; value: DeliverySettings; refreshing?: number } | null = null;

const load = (db: D1Database) =>
  loadDeliverySettings(db).then((value) => {
    cached = { at: Date.now(), value };
    return value;
  });

/** Fresh from memory, stale from memory while one background read refreshes it, or (cold) from one D1 batch. */
export async function deliverySettings(db: D1Database, now = Date.now(), waitUntil?: (p: Promise<unknown>) => void): Promise<DeliverySettings> {
  if (!cached) return load(db);
  if (now - cached.at >= TTL_MS && !(cached.refreshing && now - cached.refreshing < REFRESH_MS)) {
    cached.refreshing = now;
    const refresh = load(db).catch((err) => console.error("delivery settings refresh failed", err));
    waitUntil?.(refresh);
  }
  return cached.value;
}

/** This isolate changed the settings: read them again next time. */
export function forgetDeliverySettings() {
  cached = null;
}
