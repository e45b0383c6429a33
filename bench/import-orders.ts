// How long a bulk import of 10,000 orders takes: one orders CSV (one order of one unit per row, ~0.9 MB, under the
// API's 1 MiB body limit) posted to /v1/imports, from the 202 to the import reading `done`. The chunks (200 orders
// each, 4 lanes) run on the INGEST queue through the checkout's capture path (validation, allocation, a hold on the
// cell, the order batch). Then the same file again: nothing may change.
//
// `importOrders` is what a bench run calls against a running OMS; `tsx bench/import-orders.ts` runs it alone on a
// throwaway local OMS (own wrangler dev, state in .bench/import-state). Env: BENCH_IMPORT_ORDERS (10000), BENCH_IMPORT_PAID (0).
import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Api, expectStatus } from "../scripts/lib/http";
import { ROOT, applyMigrations, freePort, startDev, waitForHealth } from "../scripts/lib/wrangler";

interface Options {
  base: string;
  adminKey: string;
  orders: number;
  /** pending (default): the orders hold their stock and wait for payment. paid: each also starts fulfillment, a label
   *  and notifications; locally, thousands of those at once exceed miniflare's queue broker (10,000 active timers). */
  financialStatus: "pending" | "paid";
  log: (m: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitDone(api: Api, id: string, log: (m: string) => void) {
  let last = -1;
  for (;;) {
    const view = expectStatus("GET", `/v1/imports/${id}`, await api.get(`/v1/imports/${id}`), 200);
    if (view.rows_done !== last) log(`import ${id}: ${view.rows_done}/${view.rows_total} rows`), (last = view.rows_done);
    if (view.status === "done") return view;
    await sleep(1000);
  }
}

export async function importOrders(o: Options) {
  const api = new Api(o.base, o.adminKey);
  const run = randomBytes(3).toString("hex");
  const location = expectStatus("POST", "/v1/locations", await api.post("/v1/locations", {
    code: `imp-${run}`, name: "Import warehouse", kind: "warehouse",
    address: { name: "Receiving", line1: "Lagerstraße 1", city: "Berlin", postal_code: "10115", country: "DE" },
    latitude: 52.52, longitude: 13.405, can_ship: true, can_pickup: false, priority: 1,
  }), 201);
  const sku = `IMP-${run}`.toUpperCase();
  expectStatus("POST", "/v1/products", await api.post("/v1/products", { title: "Import tee", variants: [{ sku, title: "One size", price: { amount: 1500, currency: "EUR" } }] }), 201);
  expectStatus("POST", "/v1/inventory/movements", await api.post("/v1/inventory/movements",
    { sku, location_id: location.id, kind: "receive", quantity: o.orders * 2, reason: "purchase_order" }, { idempotencyKey: `imp-${run}` }), 201);

  const header = "order_id,email,currency,financial_status,sku,quantity,unit_price,ship_name,ship_line1,ship_city,ship_postal_code,ship_country";
  // Compact rows, so 10,000 orders fit the API's 1 MiB body limit.
  const rows = Array.from({ length: o.orders }, (_, i) => `${run}-${i},b${i}@example.com,EUR,${o.financialStatus},${sku},1,1500,Erika Muster,Torstr. 1,Berlin,10119,DE`);
  const csv = [header, ...rows].join("\n");
  o.log(`posting ${o.orders} orders (${(csv.length / 1024).toFixed(0)} KiB)`);

  const timed = async () => {
    const started = Date.now();
    const res = await fetch(new URL("/v1/imports?kind=orders_csv", o.base), { method: "POST", body: csv, headers: { authorization: `Bearer ${o.adminKey}`, "content-type": "text/csv" } });
    if (res.status !== 202) throw new Error(`POST /v1/imports -> ${res.status}: ${await res.text()}`);
    const { id } = (await res.json()) as { id: string };
    const view = await waitDone(api, id, o.log);
    return { seconds: (Date.now() - started) / 1000, rows_failed: view.rows_failed as number };
  };
  const first = await timed();
  const level = async () => expectStatus("GET", "inventory", await api.get(`/v1/locations/${location.id}/inventory/${sku}`), 200);
  const promised = async () => { const l = await level(); return l.held + l.committed; };
  const units = await promised();
  const again = await timed();
  const unitsAfter = await promised();
  return {
    orders: o.orders,
    seconds: first.seconds,
    orders_per_second: Math.round(o.orders / first.seconds),
    rows_failed: first.rows_failed,
    units_promised: units,
    rerun_seconds: again.seconds,
    rerun_changed_stock: unitsAfter !== units,
  };
}

async function main() {
  const log = (m: string) => process.stderr.write(`[import-bench] ${m}\n`);
  const state = ".bench/import-state";
  rmSync(join(ROOT, state), { recursive: true, force: true });
  mkdirSync(join(ROOT, ".bench"), { recursive: true });
  const adminKey = `sk_bench_${randomBytes(24).toString("hex")}`;
  await applyMigrations({ persistTo: state, quiet: true });
  const fd = openSync(join(ROOT, ".bench", "import-wrangler.log"), "w");
  const server = startDev({ port: await freePort(), host: "127.0.0.1", persistTo: state, inspectorPort: await freePort(), logLevel: "warn", vars: { ADMIN_API_KEY: adminKey }, output: fd, detached: true });
  closeSync(fd);
  try {
    await waitForHealth(server);
    const result = await importOrders({ base: server.url, adminKey, orders: Number(process.env.BENCH_IMPORT_ORDERS ?? 10_000), financialStatus: process.env.BENCH_IMPORT_PAID === "1" ? "paid" : "pending", log });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await server.stop();
  }
}

if (process.argv[1]?.endsWith("import-orders.ts")) await main();
