// A small shop for the browser tests, built through the HTTP API with the admin key: a Berlin and a Lyon warehouse,
// a few products with stock at both, orders in the states the scenarios start from, and staff who sign in.
// The database is new for every run, so names and SKUs are fixed and read well in the screenshots.
import { randomBytes } from "node:crypto";
import { Api, expectStatus } from "../../scripts/lib/http";
import { addStaff, type Login } from "./staff";

export interface SeededOrder {
  id: string;
  number: number;
  email: string;
}

export interface World {
  berlin: string;
  lyon: string;
  skus: { tee: string; teeWhite: string; cap: string; bottle: string };
  /** Orders named by the scenario that starts from each. */
  orders: {
    /** Paid, one line, Berlin: for the list and the search. */
    mila: SeededOrder;
    /** Not paid yet, Lyon: the payment filter tells it from the paid ones. */
    unpaid: SeededOrder;
    /** Paid, two lines (tee x2, cap x1): hold, release, cancel the cap. */
    change: SeededOrder;
    /** Paid, Berlin: tee x2 and bottle x1 to pick and pack. */
    pack: SeededOrder;
    /** Paid, Lyon: a shipment a Berlin warehouse user must not see. */
    lyon: SeededOrder;
  };
  staff: { owner: Login; warehouse: Login };
}

const ADDRESSES = {
  berlin: { line1: "Torstraße 12", city: "Berlin", postal_code: "10119", country: "DE", latitude: 52.529, longitude: 13.401 },
  lyon: { line1: "Rue de la République 4", city: "Lyon", postal_code: "69002", country: "FR", latitude: 45.762, longitude: 4.836 },
};

const location = (code: string, name: string, place: keyof typeof ADDRESSES, priority: number) => {
  const { latitude, longitude, ...address } = ADDRESSES[place];
  return { code, name, kind: "warehouse", address: { name, ...address }, latitude, longitude, can_ship: true, can_pickup: false, priority };
};

const idem = (label: string) => `browser-seed:${label}:${randomBytes(6).toString("hex")}`;

export async function seedWorld(baseUrl: string, adminKey: string): Promise<World> {
  const api = new Api(baseUrl, adminKey);
  const post = async (path: string, body: unknown, ...ok: number[]) =>
    expectStatus("POST", path, await api.post(path, body, { idempotencyKey: idem(path) }), ...(ok.length ? ok : [201]));

  const berlin = (await post("/v1/locations", location("WH-BER", "Warehouse Berlin", "berlin", 10))).id as string;
  const lyon = (await post("/v1/locations", location("WH-LYS", "Warehouse Lyon", "lyon", 20))).id as string;

  const skus = { tee: "TEE-MER-BLK-M", teeWhite: "TEE-MER-WHT-M", cap: "CAP-CNV-OLV", bottle: "BTL-STL-750" };
  const eur = (amount: number) => ({ amount, currency: "EUR" });
  await post("/v1/products", {
    title: "Merino T-Shirt",
    description: "Lightweight merino wool tee.",
    variants: [
      { sku: skus.tee, title: "Black / M", price: eur(3900), weight_grams: 180 },
      { sku: skus.teeWhite, title: "White / M", price: eur(3900), weight_grams: 180 },
    ],
  });
  await post("/v1/products", { title: "Canvas Cap", variants: [{ sku: skus.cap, title: "Olive", price: eur(2400), weight_grams: 120 }] });
  await post("/v1/products", { title: "Steel Bottle", variants: [{ sku: skus.bottle, title: "750 ml", price: eur(2900), weight_grams: 350 }] });
  for (const sku of Object.values(skus))
    for (const [loc, quantity] of [
      [berlin, 40],
      [lyon, 25],
    ] as const)
      await post("/v1/inventory/movements", { sku, location_id: loc, kind: "receive", quantity, reason: "initial_stock", note: "Browser test stock" });

  const price: Record<string, number> = { [skus.tee]: 3900, [skus.teeWhite]: 3900, [skus.cap]: 2400, [skus.bottle]: 2900 };
  const order = async (who: { name: string; email: string }, place: keyof typeof ADDRESSES, lines: [string, number][], paid = true) => {
    const { latitude, longitude, ...address } = ADDRESSES[place];
    const amount = lines.reduce((sum, [sku, qty]) => sum + price[sku] * qty, 0);
    const placed = await post("/v1/checkouts", {
      email: who.email,
      currency: "EUR",
      lines: lines.map(([sku, quantity]) => ({ sku, quantity })),
      shipping_address: { name: who.name, ...address, latitude, longitude },
      // Never digits only: the checkout refuses a reference that passes the card-number check.
      payment: paid ? { provider: "test", reference: `tp_${randomBytes(8).toString("hex")}`, amount, captured: true } : undefined,
    });
    return { id: placed.id as string, number: placed.number as number, email: who.email };
  };

  const orders = {
    mila: await order({ name: "Mila Berg", email: "mila.berg@example.com" }, "berlin", [[skus.teeWhite, 1]]),
    unpaid: await order({ name: "Lucien Morel", email: "lucien.morel@example.com" }, "lyon", [[skus.bottle, 1]], false),
    change: await order({ name: "Jonas Weber", email: "jonas.weber@example.com" }, "berlin", [
      [skus.tee, 2],
      [skus.cap, 1],
    ]),
    pack: await order({ name: "Hanna Schulz", email: "hanna.schulz@example.com" }, "berlin", [
      [skus.tee, 2],
      [skus.bottle, 1],
    ]),
    lyon: await order({ name: "Camille Roux", email: "camille.roux@example.com" }, "lyon", [[skus.cap, 2]]),
  };

  const staff = {
    owner: await addStaff(api, { email: "olivia.owner@shop.test", name: "Olivia Owner", role: "owner" }),
    warehouse: await addStaff(api, { email: "bruno.berlin@shop.test", name: "Bruno Berlin", role: "warehouse", locations: [berlin] }),
  };
  // wrangler dev runs no cron by itself: one sweep now, as the minute's cron would, so the rollups behind Today's chart
  // hold the seeded orders.
  const sweep = await fetch(new URL("/__scheduled?cron=*+*+*+*+*", baseUrl));
  if (!sweep.ok) throw new Error(`GET /__scheduled -> ${sweep.status}`);
  return { berlin, lyon, skus, orders, staff };
}
