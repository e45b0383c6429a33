// Shippo API (docs.goshippo.com): a shipment (address_from, address_to, parcels) comes back with rates; a transaction
// buys one rate's label (tracking_number, label_url); a refund names the transaction; tracks are read per carrier and
// tracking number. Auth: `Authorization: ShippoToken <key>`.
import type { Address } from "../domain/address";
import { CarrierError, minorUnits, type BoughtLabel, type Carrier, type CarrierAccount, type CarrierRate, type Purchase } from "./carrier";
import { placeOf, serves } from "./easypost";
import { call, download } from "./http";
import { fromShippo } from "./status";

const BASE = "https://api.goshippo.com";

interface ShRate {
  object_id: string;
  amount: string;
  currency: string;
  provider: string;
  servicelevel: { name?: string; token: string };
  estimated_days?: number | null;
  shipment?: string;
}
interface ShShipment {
  object_id: string;
  rates?: ShRate[];
}
interface ShTransaction {
  object_id: string;
  status: string;
  rate: string | { object_id: string };
  tracking_number?: string | null;
  label_url?: string | null;
  messages?: { text?: string }[];
}
interface ShStatus {
  status: string;
  substatus?: { code?: string } | null;
  status_details?: string | null;
  status_date: string;
  object_id?: string;
  location?: { city?: string | null; state?: string | null; country?: string | null } | null;
}

const address = (a: Address) => ({
  name: a.name,
  street1: a.line1,
  street2: a.line2 ?? "",
  city: a.city,
  state: a.region ?? "",
  zip: a.postal_code,
  country: a.country,
  phone: a.phone ?? "",
});

export function shippo(account: CarrierAccount): Carrier {
  const base = (account.baseUrl ?? BASE).replace(/\/$/, "");
  const headers = { authorization: `ShippoToken ${account.apiKey ?? ""}` };
  const get = <T>(path: string) => call<T>("shippo", `${base}${path}`, { method: "GET", headers });
  const post = <T>(path: string, body: unknown) => call<T>("shippo", `${base}${path}`, { method: "POST", headers, body });

  // What we know of the rate we bought: the transaction names only its id.
  const labelOf = async (t: ShTransaction, rate: { carrier: string; service: string; price: number; currency: string }, shipmentId: string | null): Promise<BoughtLabel> => {
    if (t.status !== "SUCCESS" || !t.tracking_number || !t.label_url) {
      const why = (t.messages ?? []).map((m) => m.text).filter(Boolean).join("; ") || `transaction ${t.status}`;
      throw new CarrierError("shippo", null, why);
    }
    return { ...rate, trackingNumber: t.tracking_number, shipmentId, transactionId: t.object_id, file: await download("shippo", t.label_url) };
  };

  const rateInfo = async (rateId: string) => {
    const r = await get<ShRate>(`/rates/${encodeURIComponent(rateId)}`);
    return { carrier: r.provider, service: r.servicelevel.name ?? r.servicelevel.token, price: minorUnits(r.amount), currency: r.currency };
  };

  return {
    async rates(req) {
      const p = req.parcel;
      const shipment = await post<ShShipment>("/shipments", {
        address_from: address(req.from),
        address_to: address(req.to),
        parcels: [
          {
            // Shippo needs dimensions; an unmeasured parcel is quoted as a small box.
            length: String(p.lengthCm ?? 20),
            width: String(p.widthCm ?? 15),
            height: String(p.heightCm ?? 10),
            distance_unit: "cm",
            weight: String(Math.max(1, Math.round(p.weightGrams))),
            mass_unit: "g",
          },
        ],
        metadata: req.reference.slice(0, 100),
        async: false,
      });
      return (shipment.rates ?? [])
        .filter((r) => serves(account, r.servicelevel.token) || serves(account, r.servicelevel.name ?? ""))
        .map(
          (r): CarrierRate => ({
            accountId: account.id,
            provider: "shippo",
            rateId: r.object_id,
            shipmentId: r.shipment ?? shipment.object_id,
            carrier: r.provider,
            service: r.servicelevel.name ?? r.servicelevel.token,
            price: minorUnits(r.amount),
            currency: r.currency,
            transitDays: r.estimated_days ?? null,
          }),
        );
    },

    async buy(rate, req) {
      const t = await post<ShTransaction>("/transactions", { rate: rate.rateId, label_file_type: "PDF", metadata: req.reference.slice(0, 100), async: false });
      // A purchase resumed from the row knows only the rate's id; the rate itself says what was bought.
      return labelOf(t, rate.carrier ? rate : await rateInfo(rate.rateId), rate.shipmentId);
    },

    async findBought(purchase: Purchase) {
      if (!purchase.rateId) return null;
      // Shippo has no idempotency key on transactions: look for one made for our rate since the purchase started.
      const since = new Date(purchase.since - 60_000).toISOString();
      const page = await get<{ results: ShTransaction[] }>(`/transactions?object_created_gt=${encodeURIComponent(since)}&results=100`);
      const t = page.results.find((x) => (typeof x.rate === "string" ? x.rate : x.rate?.object_id) === purchase.rateId && x.status === "SUCCESS");
      if (!t) return null;
      return labelOf(t, await rateInfo(purchase.rateId), purchase.shipmentId);
    },

    async void(purchase) {
      const r = await post<{ object_id: string; status: string }>("/refunds", { transaction: purchase.transactionId, async: false });
      // QUEUED / PENDING: the carrier decides later; SUCCESS: refunded; ERROR: refused.
      const status = r.status === "SUCCESS" ? "voided" : r.status === "ERROR" ? "rejected" : "submitted";
      return { status, message: r.status };
    },

    async track(purchase) {
      if (!purchase.trackingNumber || !purchase.carrier) return [];
      const t = await get<{ tracking_history?: ShStatus[]; tracking_status?: ShStatus | null }>(
        `/tracks/${encodeURIComponent(purchase.carrier.toLowerCase())}/${encodeURIComponent(purchase.trackingNumber)}`,
      );
      const history = t.tracking_history?.length ? t.tracking_history : t.tracking_status ? [t.tracking_status] : [];
      return history.map((s) => ({
        id: s.object_id ?? `${purchase.trackingNumber}:${s.status_date}:${s.status}`,
        status: fromShippo(s.status, s.substatus?.code),
        at: Date.parse(s.status_date),
        message: s.status_details ?? null,
        location: placeOf(s.location),
      }));
    },
  };
}
