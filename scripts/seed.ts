// Demo data through the HTTP API: 2 warehouses and 1 store, 20 SKUs in 5 products (EUR), stock at the locations.
// Idempotent: whatever exists already is looked up, not created again, and every creating request carries a stable
// Idempotency-Key, so running it twice (or after a crash half-way) leaves exactly one copy of everything.
//
//   import { seed } from "./seed";   await seed("http://localhost:8787", adminKey, { log: console.log });
//   npm run seed      (BASE_URL defaults to http://localhost:$PORT or 8787, ADMIN_API_KEY to the one in .dev.vars)
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Api, ApiError, expectStatus, isMissingRoute, listAll } from "./lib/http";
import { seedOrders } from "./seed-orders";

export interface SeedLocation {
  code: string;
  name: string;
  kind: "warehouse" | "store" | "3pl";
  address: { name: string; line1: string; city: string; postal_code: string; country: string };
  latitude: number;
  longitude: number;
  can_ship: boolean;
  can_pickup: boolean;
  priority: number;
}

export interface SeedVariant {
  sku: string;
  title: string;
  price: { amount: number; currency: "EUR" };
  weight_grams: number;
}

export interface SeedProduct {
  title: string;
  description: string;
  variants: SeedVariant[];
}

export const LOCATIONS: SeedLocation[] = [
  {
    code: "WH-BER",
    name: "Warehouse Berlin",
    kind: "warehouse",
    address: { name: "edge-oms Lager Berlin", line1: "Alexanderplatz 1", city: "Berlin", postal_code: "10178", country: "DE" },
    latitude: 52.52,
    longitude: 13.4,
    can_ship: true,
    can_pickup: false,
    priority: 10,
  },
  {
    code: "WH-LYS",
    name: "Warehouse Lyon",
    kind: "warehouse",
    address: { name: "edge-oms Entrepôt Lyon", line1: "Place Bellecour 1", city: "Lyon", postal_code: "69002", country: "FR" },
    latitude: 45.76,
    longitude: 4.84,
    can_ship: true,
    can_pickup: false,
    priority: 20,
  },
  {
    code: "ST-MUC",
    name: "Store Munich",
    kind: "store",
    address: { name: "edge-oms Store München", line1: "Marienplatz 1", city: "München", postal_code: "80331", country: "DE" },
    latitude: 48.14,
    longitude: 11.58,
    can_ship: false,
    can_pickup: true,
    priority: 50,
  },
];

const eur = (amount: number) => ({ amount, currency: "EUR" as const });

export const PRODUCTS: SeedProduct[] = [
  {
    title: "Merino T-Shirt",
    description: "Lightweight merino wool tee.",
    variants: (["BLK", "WHT"] as const).flatMap((color) =>
      (["S", "M", "L"] as const).map((size) => ({
        sku: `TEE-MER-${color}-${size}`,
        title: `${color === "BLK" ? "Black" : "White"} / ${size}`,
        price: eur(3900),
        weight_grams: 180,
      })),
    ),
  },
  {
    title: "Organic Hoodie",
    description: "Heavy organic cotton hoodie.",
    variants: (["GRY", "NVY"] as const).flatMap((color) =>
      (["M", "L"] as const).map((size) => ({
        sku: `HOO-ORG-${color}-${size}`,
        title: `${color === "GRY" ? "Grey" : "Navy"} / ${size}`,
        price: eur(7900),
        weight_grams: 650,
      })),
    ),
  },
  {
    title: "Trail Runner",
    description: "Trail running shoe.",
    variants: [40, 41, 42, 43, 44, 45].map((size) => ({
      sku: `SNK-TRL-${size}`,
      title: `EU ${size}`,
      price: eur(11900),
      weight_grams: 900,
    })),
  },
  {
    title: "Canvas Cap",
    description: "Six-panel canvas cap, one size.",
    variants: ([
      ["OLV", "Olive"],
      ["SND", "Sand"],
      ["BLK", "Black"],
    ] as const).map(([code, color]) => ({ sku: `CAP-CNV-${code}`, title: color, price: eur(2400), weight_grams: 120 })),
  },
  {
    title: "Steel Bottle",
    description: "Insulated steel bottle.",
    variants: [{ sku: "BTL-STL-750", title: "750 ml", price: eur(2900), weight_grams: 350 }],
  },
];

export const SKUS: string[] = PRODUCTS.flatMap((p) => p.variants.map((v) => v.sku));

/** Units received per SKU (by its index in SKUS) at each location code; 0 = none. */
export function stockFor(index: number, code: string): number {
  if (code === "WH-BER") return 60 + ((index * 17) % 60);
  if (code === "WH-LYS") return 30 + ((index * 11) % 50);
  if (code === "ST-MUC") return index % 3 === 0 ? 0 : 4 + (index % 9);
  return 0;
}

export interface SeedOptions {
  log?: (message: string) => void;
  /** Multiplies every received quantity (default 1). */
  stockScale?: number;
  /** Skip receiving stock (default false). */
  skipStock?: boolean;
  /** Prefix of every Idempotency-Key the seed sends (default "seed"). */
  keyPrefix?: string;
  /** Also place the demo orders (scripts/seed-orders.ts; default false). */
  orders?: boolean;
}

export interface SeedResult {
  /** Location id by code. */
  locations: Record<string, string>;
  skus: string[];
  created: { locations: number; products: number; movements: number };
  existing: { locations: number; products: number; movements: number };
  /** What could not be seeded because the route is not served (yet). */
  missing: string[];
}

export async function seed(baseUrl: string, adminKey: string, opts: SeedOptions = {}): Promise<SeedResult> {
  const log = opts.log ?? (() => {});
  const prefix = opts.keyPrefix ?? "seed";
  const api = new Api(baseUrl, adminKey);
  const result: SeedResult = {
    locations: {},
    skus: [...SKUS],
    created: { locations: 0, products: 0, movements: 0 },
    existing: { locations: 0, products: 0, movements: 0 },
    missing: [],
  };

  // Locations: look them up by code, create what is missing.
  const listLocations = async () => {
    const res = await listAll(api, "/v1/locations");
    if (isMissingRoute(res)) return null;
    const rows = expectStatus("GET", "/v1/locations", res, 200);
    return new Map(rows.map((l: any) => [String(l.code), String(l.id)]));
  };
  let known = await listLocations();
  if (known === null) result.missing.push("GET /v1/locations");
  for (const loc of LOCATIONS) {
    const id = known?.get(loc.code);
    if (id) {
      result.locations[loc.code] = id;
      result.existing.locations++;
      continue;
    }
    const res = await api.post("/v1/locations", loc, { idempotencyKey: `${prefix}:location:${loc.code}` });
    if (isMissingRoute(res)) {
      result.missing.push("POST /v1/locations");
      break;
    }
    if (res.status === 409 && res.body?.code === "location_code_taken") {
      known = await listLocations();
      const found = known?.get(loc.code);
      if (!found) throw new ApiError("POST", "/v1/locations", res.status, res.body);
      result.locations[loc.code] = found;
      result.existing.locations++;
      continue;
    }
    const body = expectStatus("POST", "/v1/locations", res, 201, 200);
    result.locations[loc.code] = body.id;
    if (res.headers.get("idempotent-replayed")) result.existing.locations++;
    else result.created.locations++;
  }
  log(`locations: ${result.created.locations} created, ${result.existing.locations} existing`);

  // Products: one product is "there" when its first SKU resolves.
  for (const product of PRODUCTS) {
    const first = product.variants[0].sku;
    const lookup = await api.get(`/v1/variants?sku=${encodeURIComponent(first)}`);
    if (lookup.status === 200 && variantFound(lookup.body, first)) {
      result.existing.products++;
      continue;
    }
    const handle = first.split("-").slice(0, 2).join("-");
    const res = await api.post("/v1/products", product, { idempotencyKey: `${prefix}:product:${handle}` });
    if (isMissingRoute(res)) {
      result.missing.push("POST /v1/products");
      break;
    }
    if (res.status === 409 && res.body?.code === "sku_taken") {
      result.existing.products++;
      continue;
    }
    expectStatus("POST", "/v1/products", res, 201, 200);
    if (res.headers.get("idempotent-replayed")) result.existing.products++;
    else result.created.products++;
  }
  log(`products: ${result.created.products} created, ${result.existing.products} existing (${SKUS.length} SKUs)`);

  // Stock: receive once per SKU x location. A cell that has ever moved is left alone (its level exists).
  if (!opts.skipStock && !result.missing.length) {
    const scale = opts.stockScale ?? 1;
    stock: for (const [index, sku] of SKUS.entries()) {
      const levels = await api.get(`/v1/inventory/levels?sku=${encodeURIComponent(sku)}`);
      const stocked = new Set<string>(
        levels.status === 200 ? (levels.body?.data ?? []).map((l: any) => String(l.location_id)) : [],
      );
      for (const loc of LOCATIONS) {
        const quantity = Math.round(stockFor(index, loc.code) * scale);
        const locationId = result.locations[loc.code];
        if (quantity <= 0 || !locationId) continue;
        if (stocked.has(locationId) || (await cellHasMoved(api, locationId, sku))) {
          result.existing.movements++;
          continue;
        }
        const res = await api.post(
          "/v1/inventory/movements",
          { sku, location_id: locationId, kind: "receive", quantity, reason: "initial_stock", note: "Demo stock (seed)" },
          { idempotencyKey: `${prefix}:receive:${sku}:${loc.code}` },
        );
        if (isMissingRoute(res)) {
          result.missing.push("POST /v1/inventory/movements");
          break stock;
        }
        expectStatus("POST", "/v1/inventory/movements", res, 201, 200);
        if (res.headers.get("idempotent-replayed")) result.existing.movements++;
        else result.created.movements++;
      }
    }
    log(`stock: ${result.created.movements} receipts, ${result.existing.movements} cells already stocked`);
  }
  if (opts.orders && !result.missing.length && !opts.skipStock) await seedOrders(api, new Map(PRODUCTS.flatMap((p) => p.variants.map((v) => [v.sku, v.price.amount]))), prefix, log);
  if (result.missing.length) log(`not seeded, route missing: ${result.missing.join(", ")}`);
  return result;
}

function variantFound(body: any, sku: string): boolean {
  if (!body || typeof body !== "object") return false;
  if (Array.isArray(body.data)) return body.data.some((v: any) => v?.sku === sku);
  return body.sku === sku;
}

/** The live cell shows stock or any hold: it has been stocked before. */
async function cellHasMoved(api: Api, locationId: string, sku: string): Promise<boolean> {
  const res = await api.get(`/v1/locations/${encodeURIComponent(locationId)}/inventory/${encodeURIComponent(sku)}`);
  if (res.status !== 200 || !res.body || typeof res.body !== "object") return false;
  const b = res.body;
  return [b.on_hand, b.held, b.committed].some((n) => typeof n === "number" && n !== 0) || (typeof b.version === "number" && b.version > 0);
}

// CLI: BASE_URL and ADMIN_API_KEY from the environment.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const baseUrl = process.env.BASE_URL ?? `http://localhost:${process.env.PORT ?? 8787}`;
  const devVars = fileURLToPath(new URL("../.dev.vars", import.meta.url));
  const adminKey =
    process.env.ADMIN_API_KEY ??
    (existsSync(devVars) ? readFileSync(devVars, "utf8").match(/^\s*ADMIN_API_KEY\s*=\s*["']?([^"'\s#]+)/m)?.[1] : undefined);
  if (!adminKey) {
    console.error("Set ADMIN_API_KEY (or run `npm run dev` once to create .dev.vars) and optionally BASE_URL.");
    process.exit(2);
  }
  seed(baseUrl, adminKey, { orders: true, log: (m) => console.log(`seed: ${m}`) })
    .then((r) => console.log(JSON.stringify(r, null, 2)))
    .catch((err) => {
      console.error(`seed failed: ${err instanceof Error ? err.message : err}`);
      process.exit(1);
    });
}
