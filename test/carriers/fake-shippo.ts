// A stand-in for the Shippo API (docs.goshippo.com), reached through test/receiver.ts as api.goshippo.com. Answers
// with the documented shapes: Shipment with rates[] (object_id, amount, provider, servicelevel, estimated_days),
// Transaction (status, tracking_number, label_url), Refund, Track (tracking_status, tracking_history). State is kept
// per API token; GET /__fake/calls lists what that token did. A token containing "down" gets a 500 for every call.

interface Rate { object_id: string; amount: string; currency: string; provider: string; servicelevel: { name: string; token: string }; estimated_days: number; shipment: string }
interface Transaction { object_id: string; object_state: "VALID"; status: "SUCCESS"; rate: string; tracking_number: string; tracking_status: "UNKNOWN"; label_url: string; metadata: string; messages: []; object_created: string }
interface Account { rates: Map<string, Rate>; transactions: Transaction[]; calls: { method: string; path: string; body: unknown }[] }

const accounts = new Map<string, Account>();
let seq = 0;
const hex = () => `${(++seq).toString(16).padStart(8, "0")}${crypto.randomUUID().replace(/-/g, "").slice(0, 24)}`;

const OFFER = [
  { provider: "UPS", name: "Ground", token: "ups_ground", amount: "4.95", days: 4 },
  { provider: "USPS", name: "Priority Mail", token: "usps_priority", amount: "7.10", days: 2 },
];

export const shippoLabel = (trackingNumber: string) => `%PDF-1.4\n% Shippo test label ${trackingNumber}\n%%EOF\n`;

const fail = (status: number, detail: string) => Response.json({ detail }, { status });

export async function fakeShippo(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname.startsWith("/__labels/")) {
    const code = url.pathname.slice("/__labels/".length).replace(/\.pdf$/, "");
    return new Response(shippoLabel(code), { headers: { "content-type": "application/pdf" } });
  }
  const auth = request.headers.get("authorization") ?? "";
  const token = auth.startsWith("ShippoToken ") ? auth.slice("ShippoToken ".length) : "";
  if (!token) return fail(401, "Authentication credentials were not provided.");
  const account: Account = accounts.get(token) ?? { rates: new Map(), transactions: [], calls: [] };
  accounts.set(token, account);
  if (url.pathname === "/__fake/calls") return Response.json(account.calls);

  const body = (request.method === "POST" ? await request.json().catch(() => ({})) : null) as Record<string, unknown> | null;
  account.calls.push({ method: request.method, path: url.pathname, body });
  if (token.includes("down")) return fail(500, "UPS API did not respond. Please try again in a few minutes.");

  const parts = url.pathname.split("/").filter(Boolean);
  if (request.method === "POST" && url.pathname === "/shipments") {
    if (!body?.address_from || !body.address_to || !Array.isArray(body.parcels) || !body.parcels.length) {
      return Response.json({ address_from: ["This field is required."] }, { status: 400 });
    }
    const shipmentId = hex();
    const rates = OFFER.map((o): Rate => ({ object_id: hex(), amount: o.amount, currency: "USD", provider: o.provider, servicelevel: { name: o.name, token: o.token }, estimated_days: o.days, shipment: shipmentId }));
    for (const r of rates) account.rates.set(r.object_id, r);
    return Response.json({ object_id: shipmentId, status: "SUCCESS", address_from: body.address_from, address_to: body.address_to, parcels: body.parcels, rates, messages: [] }, { status: 201 });
  }
  if (request.method === "GET" && parts[0] === "rates" && parts[1]) {
    const rate = account.rates.get(parts[1]);
    return rate ? Response.json(rate) : fail(404, "Not found.");
  }
  if (request.method === "POST" && url.pathname === "/transactions") {
    const rate = account.rates.get(String(body?.rate));
    if (!rate) return fail(400, "Rate not found.");
    const trackingNumber = `1Z${crypto.randomUUID().replace(/-/g, "").slice(0, 16).toUpperCase()}`;
    const t: Transaction = {
      object_id: hex(), object_state: "VALID", status: "SUCCESS", rate: rate.object_id, tracking_number: trackingNumber, tracking_status: "UNKNOWN",
      label_url: `${url.origin}/__labels/${trackingNumber}.pdf`, metadata: String(body?.metadata ?? ""), messages: [], object_created: new Date().toISOString(),
    };
    account.transactions.push(t);
    return Response.json(t, { status: 201 });
  }
  if (request.method === "GET" && url.pathname === "/transactions") {
    const after = Date.parse(url.searchParams.get("object_created_gt") ?? "1970-01-01T00:00:00Z");
    return Response.json({ next: null, previous: null, results: account.transactions.filter((t) => Date.parse(t.object_created) > after) });
  }
  if (request.method === "POST" && url.pathname === "/refunds") {
    const t = account.transactions.find((x) => x.object_id === body?.transaction);
    if (!t) return fail(400, "Transaction not found.");
    return Response.json({ object_id: hex(), object_status: "QUEUED", status: "QUEUED", transaction: t.object_id, test: true }, { status: 201 });
  }
  if (request.method === "GET" && parts[0] === "tracks" && parts.length === 3) {
    const t = account.transactions.find((x) => x.tracking_number === decodeURIComponent(parts[2]));
    if (!t) return fail(404, "Not found.");
    const t0 = Date.parse(t.object_created);
    const status = (s: string, sub: string | null, details: string, minutes: number, city: string | null) => ({
      object_id: `${t.object_id}-${minutes}`, status: s, substatus: sub ? { code: sub, text: details, action_required: false } : null, status_details: details,
      status_date: new Date(t0 + minutes * 60_000).toISOString(), location: city ? { city, state: null, zip: null, country: "DE" } : null,
    });
    const history = [status("PRE_TRANSIT", "information_received", "Label created", 1, null), status("TRANSIT", null, "Departed facility", 60, "Leipzig"), status("DELIVERED", "delivered", "Delivered", 180, "Berlin")];
    return Response.json({ carrier: parts[1], tracking_number: t.tracking_number, tracking_status: history[history.length - 1], tracking_history: history });
  }
  return fail(404, "Not found.");
}
