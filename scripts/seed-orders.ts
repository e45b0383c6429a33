// Demo orders, so the dashboard opens on a day's work rather than an empty list: paid orders waiting to be packed,
// authorized ones to capture, one on hold, a few unpaid ones. Placed through the checkout API with stable
// Idempotency-Keys (a second run replays them, creating nothing), paid by the merchant's server (the admin key),
// as a real shop's backend would after its payment provider answered.
import { type Api, expectStatus } from "./lib/http";

const SHOPPERS = [
  { name: "Mia Hoffmann", email: "mia.hoffmann@example.com", city: "Hamburg", postal_code: "20095", country: "DE", latitude: 53.55, longitude: 10.0 },
  { name: "Lucas Martin", email: "lucas.martin@example.com", city: "Marseille", postal_code: "13001", country: "FR", latitude: 43.3, longitude: 5.37 },
  { name: "Emma Schulz", email: "emma.schulz@example.com", city: "Cologne", postal_code: "50667", country: "DE", latitude: 50.94, longitude: 6.96 },
  { name: "Léa Bernard", email: "lea.bernard@example.com", city: "Paris", postal_code: "75001", country: "FR", latitude: 48.86, longitude: 2.35 },
  { name: "Noah Weber", email: "noah.weber@example.com", city: "Munich", postal_code: "80331", country: "DE", latitude: 48.14, longitude: 11.58 },
  { name: "Sofia Rossi", email: "sofia.rossi@example.com", city: "Stuttgart", postal_code: "70173", country: "DE", latitude: 48.78, longitude: 9.18 },
];

type Pay = "captured" | "authorized" | "unpaid";
// [shopper, lines, payment, hold reason?]
const ORDERS: [number, [string, number][], Pay, string?][] = [
  [0, [["TEE-MER-BLK-M", 2]], "captured"],
  [1, [["HOO-ORG-GRY-L", 1], ["TEE-MER-WHT-S", 1]], "captured"],
  [2, [["TEE-MER-BLK-L", 1]], "authorized"],
  [3, [["HOO-ORG-NVY-M", 1]], "captured", "Address check: the shopper asked to change the street"],
  [4, [["TEE-MER-WHT-M", 3]], "captured"],
  [5, [["TEE-MER-BLK-S", 1], ["HOO-ORG-GRY-M", 1]], "authorized"],
  [0, [["TEE-MER-WHT-L", 1]], "unpaid"],
  [2, [["HOO-ORG-NVY-L", 2]], "captured"],
];

/** `prices`: minor units by SKU (the seed's catalog), for the payment amounts, which must equal each order's total. */
export async function seedOrders(api: Api, prices: Map<string, number>, prefix: string, log: (m: string) => void) {
  let created = 0;
  for (const [i, [who, lines, pay, hold]] of ORDERS.entries()) {
    const s = SHOPPERS[who];
    const known = lines.filter(([sku]) => prices.has(sku));
    if (!known.length) continue;
    const total = known.reduce((sum, [sku, qty]) => sum + prices.get(sku)! * qty, 0);
    const body = {
      email: s.email,
      currency: "EUR",
      lines: known.map(([sku, quantity]) => ({ sku, quantity })),
      shipping_address: { name: s.name, line1: "Demo Street 1", city: s.city, postal_code: s.postal_code, country: s.country, latitude: s.latitude, longitude: s.longitude },
      ...(pay === "unpaid" ? {} : { payment: { provider: "test", reference: `tp_demo_${prefix}_${i}`, amount: total, captured: pay === "captured" } }),
    };
    const res = await api.post("/v1/checkouts", body, { idempotencyKey: `${prefix}:order:${i}` });
    const order = expectStatus("POST", "/v1/checkouts", res, 201, 200);
    if (!res.headers.get("idempotent-replayed")) created++;
    if (hold && !order.hold) {
      const held = await api.post(`/v1/orders/${order.id}/hold`, { kind: "address_verification", reason: hold }, { idempotencyKey: `${prefix}:hold:${i}` });
      if (held.status >= 400) log(`hold of demo order ${order.number} -> ${held.status} ${held.body?.code ?? ""}`);
    }
  }
  log(`orders: ${created} placed, ${ORDERS.length - created} already there`);
}
