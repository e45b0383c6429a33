// A stand-in for EasyPost's REST API v2 (docs.easypost.com), reached through test/receiver.ts as api.easypost.com.
// Answers with the documented shapes: Shipment with rates[], buy → tracking_code + postage_label.label_url +
// selected_rate, refund → refund_status, trackers by tracking_code. State is kept per API key (so test files running
// side by side do not see each other's calls); GET /__fake/calls lists what that key did.
// A key containing "down" answers every call with a 500 and EasyPost's error body.

interface Rate { id: string; object: "Rate"; carrier: string; service: string; rate: string; currency: string; delivery_days: number; est_delivery_days: number; shipment_id: string }
interface Shipment {
  id: string;
  object: "Shipment";
  mode: "test";
  reference: string | null;
  rates: Rate[];
  tracking_code: string | null;
  postage_label: { object: "PostageLabel"; label_url: string; label_file_type: string } | null;
  selected_rate: Rate | null;
  refund_status: string | null;
  tracker: { id: string; object: "Tracker" } | null;
  created_at: string;
}
interface Account { shipments: Map<string, Shipment>; calls: { method: string; path: string; body: unknown }[] }

const accounts = new Map<string, Account>();
let seq = 0;
const id = (prefix: string) => `${prefix}_${(++seq).toString(16).padStart(8, "0")}${Math.random().toString(16).slice(2, 10)}`;

/** The services every test shipment is offered; prices in USD. */
const OFFER = [
  { carrier: "USPS", service: "GroundAdvantage", rate: "5.20", days: 5 },
  { carrier: "USPS", service: "Priority", rate: "6.45", days: 2 },
  { carrier: "USPS", service: "Express", rate: "24.00", days: 1 },
];

/** The label file: a tiny PDF naming its tracking code, so a test can tell it from the built-in label. */
export const easyPostLabel = (trackingCode: string) => `%PDF-1.4\n% EasyPost test label ${trackingCode}\n%%EOF\n`;

const error = (status: number, code: string, message: string) => Response.json({ error: { code, message, errors: [] } }, { status });

export async function fakeEasyPost(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname.startsWith("/__labels/")) {
    const code = url.pathname.slice("/__labels/".length).replace(/\.pdf$/, "");
    return new Response(easyPostLabel(code), { headers: { "content-type": "application/pdf" } });
  }
  const auth = request.headers.get("authorization") ?? "";
  const key = auth.startsWith("Basic ") ? atob(auth.slice(6)).replace(/:$/, "") : "";
  if (!key) return error(401, "APIKEY.REQUIRED", "API key required.");
  const account: Account = accounts.get(key) ?? { shipments: new Map(), calls: [] };
  accounts.set(key, account);
  if (url.pathname === "/__fake/calls") return Response.json(account.calls);

  const body = request.method === "POST" ? await request.json().catch(() => ({})) : null;
  account.calls.push({ method: request.method, path: url.pathname, body });
  if (key.includes("down")) return error(500, "INTERNAL_SERVER_ERROR", "The carrier USPS did not respond in time; try again later.");

  const parts = url.pathname.split("/").filter(Boolean); // v2, shipments, {id}, buy
  if (request.method === "POST" && url.pathname === "/v2/shipments") {
    const input = (body as { shipment?: { reference?: string; to_address?: unknown; from_address?: unknown; parcel?: { weight?: number } } }).shipment;
    if (!input?.to_address || !input.from_address || !input.parcel?.weight) return error(422, "SHIPMENT.INVALID_PARAMS", "to_address, from_address and parcel.weight are required.");
    const shipmentId = id("shp");
    const shipment: Shipment = {
      id: shipmentId,
      object: "Shipment",
      mode: "test",
      reference: input.reference ?? null,
      rates: OFFER.map((o) => ({ id: id("rate"), object: "Rate", carrier: o.carrier, service: o.service, rate: o.rate, currency: "USD", delivery_days: o.days, est_delivery_days: o.days, shipment_id: shipmentId })),
      tracking_code: null,
      postage_label: null,
      selected_rate: null,
      refund_status: null,
      tracker: null,
      created_at: new Date().toISOString(),
    };
    account.shipments.set(shipmentId, shipment);
    return Response.json(shipment, { status: 201 });
  }
  if (parts[0] === "v2" && parts[1] === "shipments" && parts[2]) {
    const shipment = account.shipments.get(parts[2]);
    if (!shipment) return error(404, "NOT_FOUND", "The requested resource could not be found.");
    if (request.method === "GET" && parts.length === 3) return Response.json(shipment);
    if (request.method === "POST" && parts[3] === "buy") {
      if (shipment.tracking_code) return error(422, "SHIPMENT.POSTAGE.EXISTS", "Shipment already has postage.");
      const rate = shipment.rates.find((r) => r.id === (body as { rate?: { id?: string } }).rate?.id);
      if (!rate) return error(422, "SHIPMENT.RATE.INVALID", "The rate is not one of this shipment's rates.");
      const code = `9400${Math.floor(Math.random() * 1e16).toString().padStart(16, "0")}`;
      Object.assign(shipment, {
        tracking_code: code,
        selected_rate: rate,
        postage_label: { object: "PostageLabel", label_url: `${url.origin}/__labels/${code}.pdf`, label_file_type: "application/pdf" },
        tracker: { id: id("trk"), object: "Tracker" },
      });
      return Response.json(shipment);
    }
    if (request.method === "POST" && parts[3] === "refund") {
      if (!shipment.tracking_code) return error(422, "SHIPMENT.REFUND.UNAVAILABLE", "Shipment has no postage to refund.");
      shipment.refund_status = "submitted";
      return Response.json(shipment);
    }
  }
  if (request.method === "GET" && url.pathname === "/v2/trackers") {
    const code = url.searchParams.get("tracking_code");
    const shipment = [...account.shipments.values()].find((s) => s.tracking_code === code);
    if (!shipment) return Response.json({ trackers: [], has_more: false });
    const t0 = Date.parse(shipment.created_at);
    const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString();
    return Response.json({
      trackers: [
        {
          id: shipment.tracker!.id,
          object: "Tracker",
          tracking_code: code,
          status: "out_for_delivery",
          carrier: shipment.selected_rate!.carrier,
          tracking_details: [
            { object: "TrackingDetail", status: "pre_transit", message: "Shipping Label Created", datetime: at(1), source: "USPS", tracking_location: { object: "TrackingLocation", city: null, state: null, country: null, zip: null } },
            { object: "TrackingDetail", status: "in_transit", message: "Arrived at USPS Facility", datetime: at(60), source: "USPS", tracking_location: { object: "TrackingLocation", city: "Columbus", state: "OH", country: "US", zip: "43085" } },
            { object: "TrackingDetail", status: "out_for_delivery", message: "Out for Delivery", datetime: at(120), source: "USPS", tracking_location: { object: "TrackingLocation", city: "Berlin", state: null, country: "DE", zip: null } },
          ],
        },
      ],
      has_more: false,
    });
  }
  return error(404, "NOT_FOUND", "The requested resource could not be found.");
}
