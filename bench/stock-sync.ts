// Stock out to channels: how long from a sale to the channel's update, and how many updates a burst of sales costs.
//
// A channel (kind marketplace, signed per Standard Webhooks) gets its stock updates at a receiver this script runs on
// 127.0.0.1; it sells one new hot SKU (1,000 units). Then:
//   burst   BENCH_SYNC_SALES (100) unpaid checkouts of 1 unit, BENCH_SYNC_CONCURRENCY (10) at a time: updates the
//           channel got per 100 sales, and per sale the time from its 201 to the arrival of the first figure that
//           counts it (first figure <= stock before the burst − sales answered so far)
//   spaced  BENCH_SYNC_SPACED (20) single sales 1.5 s apart: the same latency for a sale that has the cell to itself
// The receiver is on the same machine, so arrival is when the update left plus well under a millisecond.
//
// `stockSyncLatency(...)` is what bench/run.ts calls on its running OMS; `tsx bench/stock-sync.ts` runs it standalone
// on a throwaway one (state in .bench/stock-sync-state).
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { closeSync, mkdirSync, openSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Api, expectStatus } from "../scripts/lib/http";
import { ROOT, applyMigrations, freePort, startDev, waitForHealth } from "../scripts/lib/wrangler";

interface Options {
  base: string;
  pk: string;
  adminKey: string;
  /** A location that ships: the hot SKU's stock is received there. */
  locationId: string;
  sales?: number;
  concurrency?: number;
  spaced?: number;
  log: (m: string) => void;
}

interface Update {
  at: number;
  available: number;
  sequence: number;
}

const STOCK = 1_000;
const SETTLE_MS = 30_000;

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The channel's inventory endpoint: records what arrives and when. */
async function startReceiver() {
  const updates: Update[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const at = Date.now();
      try {
        const u = JSON.parse(body);
        updates.push({ at, available: u.available, sequence: u.sequence });
      } catch {
        // not ours
      }
      res.writeHead(204).end();
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${port}/stock`, updates, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function until(check: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await sleep(20);
  }
  return check();
}

export async function stockSyncLatency(o: Options) {
  const sales = o.sales ?? Number(process.env.BENCH_SYNC_SALES ?? 100);
  const concurrency = o.concurrency ?? Number(process.env.BENCH_SYNC_CONCURRENCY ?? 10);
  const spaced = o.spaced ?? Number(process.env.BENCH_SYNC_SPACED ?? 20);
  const admin = new Api(o.base, o.adminKey);
  const receiver = await startReceiver();
  const run = randomBytes(3).toString("hex");
  try {
    const sku = `SYNC-HOT-${run}`.toUpperCase();
    const product = await admin.post("/v1/products", {
      title: "Stock sync bench tee",
      variants: [{ sku, title: "One size", price: { amount: 2500, currency: "EUR" } }],
    });
    expectStatus("POST", "/v1/products", product, 201);
    const channel = expectStatus(
      "POST",
      "/v1/channels",
      await admin.post("/v1/channels", {
        code: `bench-sync-${run}`,
        name: "Bench marketplace",
        kind: "marketplace",
        webhook_secret: `whsec_${randomBytes(32).toString("base64")}`,
        inventory_url: receiver.url,
      }),
      201,
    );
    expectStatus("PUT", "/v1/channels/{id}/skus", await admin.request("PUT", `/v1/channels/${channel.id}/skus`, { body: { mappings: [{ external_sku: sku, sku }] } }), 200);
    const received = await admin.post(
      "/v1/inventory/movements",
      { sku, location_id: o.locationId, kind: "receive", quantity: STOCK, reason: "purchase_order", note: "bench" },
      { idempotencyKey: `sync-${randomUUID()}` },
    );
    expectStatus("POST", "/v1/inventory/movements", received, 201);
    if (!(await until(() => receiver.updates.some((u) => u.available === STOCK), SETTLE_MS))) throw new Error("the channel never got the received stock");
    await sleep(1_500); // the cell's publishing window closes: the burst starts from a quiet cell

    let sold = 0;
    const sell = async () => {
      const res = await fetch(new URL("/v1/checkouts", o.base), {
        method: "POST",
        headers: { authorization: `Bearer ${o.pk}`, "content-type": "application/json", "idempotency-key": `sync-${randomUUID()}` },
        body: JSON.stringify({
          email: "sync@example.com",
          currency: "EUR",
          lines: [{ sku, quantity: 1 }],
          shipping_address: { name: "Sam Sync", line1: "Torstraße 1", city: "Berlin", postal_code: "10119", country: "DE", latitude: 52.53, longitude: 13.4 },
        }),
      });
      await res.arrayBuffer();
      if (res.status !== 201) return null;
      sold++;
      return { at: Date.now(), after: STOCK - sold };
    };
    /** Per sale: from its 201 to the arrival of the first update that counts it. */
    const latencies = (answered: { at: number; after: number }[]) =>
      answered
        .map((s) => {
          const u = receiver.updates.find((x) => x.available <= s.after && x.at >= s.at - 5_000);
          return u ? Math.max(0, u.at - s.at) : null;
        })
        .filter((ms): ms is number => ms !== null)
        .sort((a, b) => a - b);

    // Burst.
    const before = receiver.updates.length;
    const burst: { at: number; after: number }[] = [];
    let next = 0;
    o.log(`stock sync: ${sales} sales of one SKU, ${concurrency} at a time`);
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next++ < sales) {
          const s = await sell();
          if (s) burst.push(s);
        }
      }),
    );
    const burstLast = STOCK - sold;
    await until(() => receiver.updates.some((u) => u.available === burstLast), SETTLE_MS);
    await sleep(1_500);
    const burstUpdates = receiver.updates.length - before;
    const burstMs = latencies(burst);

    // Spaced single sales.
    const single: { at: number; after: number }[] = [];
    o.log(`stock sync: ${spaced} single sales, 1.5 s apart`);
    for (let i = 0; i < spaced; i++) {
      const s = await sell();
      if (s) single.push(s);
      await sleep(1_500);
    }
    await until(() => receiver.updates.some((u) => u.available === STOCK - sold), SETTLE_MS);
    const singleMs = latencies(single);

    const ordered = receiver.updates.every((u, i, all) => i === 0 || u.sequence > all[i - 1].sequence);
    const result = {
      sales: burst.length,
      updates_per_100_sales: burst.length ? Math.round((burstUpdates / burst.length) * 1000) / 10 : 0,
      burst_p50_ms: percentile(burstMs, 50),
      burst_p99_ms: percentile(burstMs, 99),
      single_sales: single.length,
      single_p50_ms: percentile(singleMs, 50),
      single_p99_ms: percentile(singleMs, 99),
      /** Sales no update ever counted within 30 s. */
      missing: burst.length + single.length - burstMs.length - singleMs.length,
      in_order: ordered,
    };
    o.log(`stock sync: ${JSON.stringify(result)}`);
    return result;
  } finally {
    await receiver.close();
  }
}

async function standalone() {
  const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
  const state = ".bench/stock-sync-state";
  rmSync(join(ROOT, state), { recursive: true, force: true });
  mkdirSync(join(ROOT, ".bench"), { recursive: true });
  await applyMigrations({ persistTo: state, quiet: true });
  const adminKey = `sk_bench_${randomBytes(24).toString("hex")}`;
  const fd = openSync(join(ROOT, ".bench", "stock-sync-wrangler.log"), "w");
  const server = startDev({ port: await freePort(), host: "127.0.0.1", persistTo: state, inspectorPort: await freePort(), logLevel: "warn", vars: { ADMIN_API_KEY: adminKey }, output: fd, detached: true });
  closeSync(fd);
  try {
    await waitForHealth(server);
    const admin = new Api(server.url, adminKey);
    const location = expectStatus(
      "POST",
      "/v1/locations",
      await admin.post("/v1/locations", {
        code: "WH-SYNC",
        name: "Sync warehouse",
        kind: "warehouse",
        address: { name: "Receiving", line1: "1 Main Street", city: "Berlin", postal_code: "10115", country: "DE" },
        latitude: 52.52,
        longitude: 13.405,
        can_ship: true,
        can_pickup: false,
      }),
      201,
    );
    const pk = expectStatus("POST", "/v1/api-keys", await admin.post("/v1/api-keys", { kind: "publishable", name: "bench" }), 201).key;
    const result = await stockSyncLatency({ base: server.url, pk, adminKey, locationId: location.id, log });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await server.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  standalone().catch((err) => {
    process.stderr.write(`[bench] failed: ${err instanceof Error ? err.message : err}\n`);
    process.exitCode = 1;
  });
}
