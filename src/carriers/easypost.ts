// EasyPost REST API v2 (docs.easypost.com): a shipment (to/from address + parcel) comes back with its rates; buying
// one rate turns it into a label (tracking_code, postage_label.label_url); refunding the shipment voids it; trackers
// carry the carrier's scans. Auth: HTTP Basic, the API key as user name and an empty password.
import type { Address } from "../domain/address";
import { minorUnits, type BoughtLabel, type Carrier, type CarrierAccount, type CarrierRate, type Purchase, type ShipmentRequest } from "./carrier";
import { call, download } from "./http";
import { fromEasyPost } from "./status";

const BASE = "https://api.easypost.com";
const GRAMS_PER_OUNCE = 28.349523125;
const CM_PER_INCH = 2.54;

interface EpRate {
  id: string;
  carrier: string;
  service: string;
  rate: string;
  currency: string;
  delivery_days?: number | null;
  est_delivery_days?: number | null;
  shipment_id?: string;
}
interface EpShipment {
  id: string;
  rates?: EpRate[];
  tracking_code?: string | null;
  postage_label?: { label_url?: string | null } | null;
  selected_rate?: EpRate | null;
  refund_status?: string | null;
  messages?: { carrier?: string; message?: string }[];
}
interface EpTracker {
  id: string;
  tracking_code: string;
  status: string;
  tracking_details?: { status: string; message?: string | null; datetime: string; tracking_location?: { city?: string | null; state?: string | null; country?: string | null } | null }[];
}

const address = (a: Address) => ({
  name: a.name,
  street1: a.line1,
  street2: a.line2 ?? null,
  city: a.city,
  state: a.region ?? null,
  zip: a.postal_code,
  country: a.country,
  phone: a.phone ?? null,
});

export function easyPost(account: CarrierAccount): Carrier {
  const base = (account.baseUrl ?? BASE).replace(/\/$/, "");
  const headers = { authorization: `Basic ${btoa(`${account.apiKey ?? ""}:`)}` };
  const get = <T>(path: string) => call<T>("easypost", `${base}${path}`, { method: "GET", headers });
  const post = <T>(path: string, body: unknown) => call<T>("easypost", `${base}${path}`, { method: "POST", headers, body });

  const rateOf = (r: EpRate, shipmentId: string): CarrierRate => ({
    accountId: account.id,
    provider: "easypost",
    rateId: r.id,
    shipmentId: r.shipment_id ?? shipmentId,
    carrier: r.carrier,
    service: r.service,
    price: minorUnits(r.rate),
    currency: r.currency,
    transitDays: r.delivery_days ?? r.est_delivery_days ?? null,
  });

  const labelOf = async (s: EpShipment): Promise<BoughtLabel | null> => {
    const url = s.postage_label?.label_url;
    if (!s.tracking_code || !url || !s.selected_rate) return null;
    return {
      carrier: s.selected_rate.carrier,
      service: s.selected_rate.service,
      trackingNumber: s.tracking_code,
      shipmentId: s.id,
      transactionId: null,
      price: minorUnits(s.selected_rate.rate),
      currency: s.selected_rate.currency,
      file: await download("easypost", url),
    };
  };

  return {
    async rates(req: ShipmentRequest) {
      const p = req.parcel;
      const shipment = await post<EpShipment>("/v2/shipments", {
        shipment: {
          reference: req.reference,
          to_address: address(req.to),
          from_address: address(req.from),
          parcel: {
            weight: Math.max(0.1, Math.round((p.weightGrams / GRAMS_PER_OUNCE) * 10) / 10),
            ...(p.lengthCm && p.widthCm && p.heightCm
              ? { length: p.lengthCm / CM_PER_INCH, width: p.widthCm / CM_PER_INCH, height: p.heightCm / CM_PER_INCH }
              : {}),
          },
          // EasyPost's default label is a PNG; a PDF prints like the built-in label and opens in every browser.
          options: { label_format: "PDF" },
        },
      });
      return (shipment.rates ?? []).filter((r) => serves(account, r.service)).map((r) => rateOf(r, shipment.id));
    },

    async buy(rate) {
      const bought = await post<EpShipment>(`/v2/shipments/${encodeURIComponent(rate.shipmentId!)}/buy`, { rate: { id: rate.rateId } });
      const label = await labelOf(bought);
      if (!label) throw new Error(`easypost: shipment ${bought.id} bought without a tracking code or label`);
      return label;
    },

    async findBought(purchase) {
      if (!purchase.shipmentId) return null;
      return labelOf(await get<EpShipment>(`/v2/shipments/${encodeURIComponent(purchase.shipmentId)}`));
    },

    async void(purchase) {
      const s = await post<EpShipment>(`/v2/shipments/${encodeURIComponent(purchase.shipmentId!)}/refund`, {});
      // refund_status: submitted (the carrier decides later), refunded, rejected, not_applicable.
      const status = s.refund_status === "refunded" ? "voided" : s.refund_status === "rejected" || s.refund_status === "not_applicable" ? "rejected" : "submitted";
      return { status, message: s.refund_status ?? null };
    },

    async track(purchase) {
      if (!purchase.trackingNumber) return [];
      const { trackers } = await get<{ trackers: EpTracker[] }>(`/v2/trackers?tracking_code=${encodeURIComponent(purchase.trackingNumber)}`);
      const tracker = trackers[0];
      if (!tracker) return [];
      return (tracker.tracking_details ?? []).map((d) => ({
        // EasyPost details carry no id of their own: the tracker, the time and the status name one scan.
        id: `${tracker.id}:${d.datetime}:${d.status}`,
        status: fromEasyPost(d.status),
        at: Date.parse(d.datetime),
        message: d.message ?? null,
        location: placeOf(d.tracking_location),
      }));
    },
  };
}

/** An account limited to some services offers only those (matched by the service name or token). */
export const serves = (account: CarrierAccount, service: string) =>
  account.services.length === 0 || account.services.some((s) => s.toLowerCase() === service.toLowerCase());

export const placeOf = (l: { city?: string | null; state?: string | null; country?: string | null } | null | undefined) =>
  l ? [l.city, l.state, l.country].filter(Boolean).join(", ") || null : null;
