// The merchant's own courier / local delivery: rates from the carrier_rates table (distance and weight bands), and the
// label drawn by edge-oms itself (src/labels/label.ts). A merchant without EasyPost or Shippo ships with this.
// Nothing to buy or void anywhere: the tracking number is derived from the fulfillment and the PDF is deterministic,
// so a retried job writes the same bytes under the same key.
import { widestKm, type Rate } from "../domain/carrier";
import { renderer } from "../documents/renderer";
import type { Env } from "../env";
import type { Carrier, CarrierAccount, CarrierRate } from "./carrier";

const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/**
 * A carrier-shaped tracking number derived from the fulfillment: the same fulfillment always gets the same number,
 * so a retry after a crash cannot mint a second one. UPS: "1Z" + 16 alphanumerics; DHL and others: "JD" + 18 digits.
 * Both stay well inside what the label's Code 128 symbol can print at a scannable module width.
 */
export async function trackingNumberOf(carrier: string, fulfillmentId: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${carrier}:${fulfillmentId}`)));
  const pick = (alphabet: string, n: number) => [...digest.slice(0, n)].map((b) => alphabet[b % alphabet.length]).join("");
  return carrier === "ups" ? `1Z${pick(ALNUM, 16)}` : `JD${pick(ALNUM.slice(0, 10), 18)}`;
}

// The rate table changes by migration or by hand, rarely; every label reading it again cost a round trip each.
// The rows are cached, not the promise: Workers tie a promise's continuations to the request that made it.
const RATES_TTL_MS = 60_000;
let cached: { at: number; list: Rate[] } | null = null;

export async function rateTable(db: D1Database): Promise<Rate[]> {
  if (cached && Date.now() - cached.at < RATES_TTL_MS) return cached.list;
  const { results } = await db
    .prepare(
      `SELECT id, carrier, service, speed, transit_days AS transitDays, max_km AS maxKm, max_weight_grams AS maxWeightGrams,
              price, currency FROM carrier_rates`,
    )
    .all<Rate>();
  cached = { at: Date.now(), list: results };
  return results;
}

/** The built-in account when a merchant configured none: every location, every service of the rate table. */
export const OWN_COURIER: CarrierAccount = { id: "own", provider: "own", name: "Own courier", apiKey: null, baseUrl: null, locationIds: [], services: [], poll: false };

export function ownCourier(env: Env, account: CarrierAccount): Carrier {
  return {
    async rates(req) {
      const table = await rateTable(env.DB);
      // Unknown distance (no coordinates): priced in the widest band.
      const distance = Number.isFinite(req.distanceKm) ? req.distanceKm : widestKm(table);
      return table
        .filter((r) => distance <= r.maxKm && req.parcel.weightGrams <= r.maxWeightGrams)
        .filter((r) => account.services.length === 0 || account.services.includes(r.service))
        // A stable order for equal prices and speeds, whatever order D1 returns the table in.
        .sort((a, b) => a.carrier.localeCompare(b.carrier) || a.service.localeCompare(b.service))
        .map(
          (r): CarrierRate => ({
            accountId: account.id,
            provider: "own",
            rateId: r.id,
            shipmentId: null,
            carrier: r.carrier,
            service: r.service,
            price: r.price,
            currency: r.currency,
            transitDays: r.transitDays,
            speed: r.speed,
          }),
        );
    },
    async buy(rate, req) {
      const trackingNumber = await trackingNumberOf(rate.carrier, req.reference);
      // Drawn by the documents Worker (src/documents/renderer.ts), so pdf-lib stays out of this one.
      const bytes = await renderer(env).shippingLabel({
        orderNumber: req.orderNumber,
        trackingNumber,
        carrier: rate.carrier,
        service: rate.service,
        weightGrams: req.parcel.weightGrams,
        shipFrom: req.from,
        shipTo: req.to,
        createdAt: req.createdAt,
      });
      return { carrier: rate.carrier, service: rate.service, trackingNumber, shipmentId: null, transactionId: null, price: rate.price, currency: rate.currency, file: { bytes, contentType: "application/pdf" } };
    },
    findBought: async () => null,
    // Nothing was bought from anyone: a cancelled own-courier label is simply not used.
    void: async () => ({ status: "voided", message: null }),
    // The own courier reports through the API (ship, deliver), not by a feed to poll.
    track: async () => [],
  };
}
