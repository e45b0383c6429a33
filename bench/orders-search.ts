// What a filtered page of the order list costs on a store with 100,000 orders.
//
// Builds a throwaway local D1 (.bench/orders-search, wiped first) through wrangler: the migrations, then bulk SQL with
// BENCH_ORDERS orders (default 100,000) over a year, ~2 lines and allocations each, 30,000 customers, 5 locations,
// 2,000 SKUs, 6 channels and a tag on 1 in 10 orders. Then starts `wrangler dev` on it and, for each filter
// combination, sends BENCH_REQUESTS (default 200) GET /v1/orders one after the other (after 20 to warm up) and
// reports p50/p99 of the request time, with SQLite's EXPLAIN QUERY PLAN of the exact SELECT the API runs.
// Prints one JSON object on stdout; progress on stderr. `npx tsx bench/orders-search.ts`
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { percentile } from "../src/domain/percentile";
import { OrderSearch, searchSql } from "../src/orders/search";
import { ROOT, applyMigrations, freePort, startDev, waitForHealth } from "../scripts/lib/wrangler";

const ORDERS = Number(process.env.BENCH_ORDERS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const STATE_DIR = ".bench/orders-search"; // relative to ROOT, wrangler's cwd
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 3, 1);
const log = (m: string) => process.stderr.write(`[orders-search] ${m}\n`);
const WRANGLER = join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");

// A deterministic pseudo-random sequence, so two runs build the same store.
let seed = 42;
const rand = () => {
  // mulberry32: 32-bit integer steps (Math.imul), so no precision is lost as with a float LCG.
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const pick = <T>(weighted: [T, number][]) => {
  let r = rand();
  for (const [v, w] of weighted) if ((r -= w) < 0) return v;
  return weighted[weighted.length - 1][0];
};
const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const pad = (n: number, w = 8) => String(n).padStart(w, "0");

const LOCATIONS = ["loc_ber", "loc_lys", "loc_muc", "loc_ham", "loc_3pl"];
const CHANNELS = ["ch_web", "ch_shop", "ch_amazon", "ch_ebay", "ch_b2b", "ch_pos"];
const TAGS = ["vip", "gift", "wholesale", "fragile", "rush", "b2b", "influencer", "replacement", "review", "bulk"];

function storeSql(): string[] {
  const out: string[] = [];
  out.push(...CHANNELS.filter((c) => c !== "ch_web").map((c) => `INSERT OR IGNORE INTO channels (id, code, name, kind, created_at, updated_at) VALUES (${q(c)}, ${q(c.slice(3))}, ${q(c)}, 'marketplace', 0, 0);`));
  const orders: string[] = [];
  const lines: string[] = [];
  const allocations: string[] = [];
  const flush = () => {
    if (orders.length)
      out.push(
        `INSERT INTO orders (id, number, channel_id, status, payment_status, fulfillment_status, stock_state, currency, subtotal, shipping_total, tax_total, total, email, shipping_address, tags, version, created_at, updated_at) VALUES ${orders.join(",")};`,
      );
    if (lines.length) out.push(`INSERT INTO order_lines (id, order_id, position, sku, variant_id, title, quantity, unit_price, total) VALUES ${lines.join(",")};`);
    if (allocations.length) out.push(`INSERT INTO allocations (id, order_id, line_id, sku, location_id, quantity, hold_id) VALUES ${allocations.join(",")};`);
    orders.length = lines.length = allocations.length = 0;
  };
  for (let i = 0; i < ORDERS; i++) {
    const id = `ord_${pad(i)}`;
    const created = NOW - 365 * DAY + Math.floor((i / ORDERS) * 365 * DAY);
    const status = pick<string>([["completed", 0.7], ["open", 0.2], ["cancelled", 0.08], ["on_hold", 0.02]]);
    const payment = status === "cancelled" ? pick<string>([["voided", 0.5], ["expired", 0.5]]) : pick<string>([["paid", 0.85], ["authorized", 0.1], ["pending", 0.05]]);
    const fulfillment = status === "completed" ? "delivered" : status === "cancelled" ? "unfulfilled" : pick<string>([["unfulfilled", 0.6], ["partial", 0.1], ["fulfilled", 0.3]]);
    const channel = pick(CHANNELS.map((c, k) => [c, k === 0 ? 0.5 : 0.1] as [string, number]));
    const email = `customer${Math.floor(rand() * 30_000)}@example.com`;
    const n = 1 + Math.floor(rand() * 3);
    const location = pick(LOCATIONS.map((l, k) => [l, [0.4, 0.25, 0.15, 0.15, 0.05][k]] as [string, number]));
    let subtotal = 0;
    for (let p = 1; p <= n; p++) {
      const sku = `SKU-${pad(Math.floor(rand() * 2000), 4)}`;
      const qty = 1 + Math.floor(rand() * 3);
      const price = 500 + Math.floor(rand() * 20_000);
      subtotal += qty * price;
      lines.push(`(${q(`line_${pad(i)}_${p}`)},${q(id)},${p},${q(sku)},'var',${q(sku)},${qty},${price},${qty * price})`);
      allocations.push(`(${q(`alloc_${pad(i)}_${p}`)},${q(id)},${q(`line_${pad(i)}_${p}`)},${q(sku)},${q(location)},${qty},${q(`hold_${pad(i)}_${p}`)})`);
    }
    const tags = rand() < 0.1 ? JSON.stringify([TAGS[Math.floor(rand() * TAGS.length)]]) : "[]";
    const address = JSON.stringify({ name: "Bench Shopper", line1: "1 Bench Street", city: "Berlin", postal_code: "10115", country: "DE" });
    orders.push(
      `(${q(id)},${1001 + i},${q(channel)},${q(status)},${q(payment)},${q(fulfillment)},'committed','EUR',${subtotal},0,0,${subtotal},${q(email)},${q(address)},${q(tags)},1,${created},${created})`,
    );
    if (orders.length === 200) flush();
  }
  flush();
  // Customers as the checkout would have made them, one per email.
  out.push(
    `INSERT OR IGNORE INTO customers (id, email, orders_count, first_order_at, last_order_at, created_at, updated_at)
     SELECT 'cus_' || substr(MIN(id), 5), email, COUNT(*), MIN(created_at), MAX(created_at), MIN(created_at), MAX(created_at) FROM orders GROUP BY email;`,
    "UPDATE orders SET customer_id = (SELECT id FROM customers c WHERE c.email = orders.email);",
  );
  return out;
}

function wrangler(args: string[]) {
  const r = spawnSync(process.execPath, [WRANGLER, ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
  if (r.status !== 0) throw new Error(`wrangler ${args.slice(0, 3).join(" ")} failed: ${r.stderr.slice(-2000)}`);
  return r.stdout;
}

/** The plan SQLite chooses for the exact SELECT the API sends for these query parameters. */
function plan(query: Record<string, string>): string[] {
  const { sql, params } = searchSql(OrderSearch.parse(query));
  let k = 0;
  const inlined = sql.replace(/\?/g, () => {
    const v = params[k++];
    return typeof v === "number" ? String(v) : q(String(v));
  });
  const out = wrangler(["d1", "execute", "DB", "--local", "--persist-to", STATE_DIR, "--json", "--command", `EXPLAIN QUERY PLAN ${inlined.replace(/\s+/g, " ")}`]);
  const rows = (JSON.parse(out) as { results: { detail: string }[] }[])[0].results;
  return rows.map((r) => r.detail);
}

// Filter combinations a merchant's staff actually use. Values that exist in the generated store.
const CASES: { name: string; query: Record<string, string> }[] = [
  { name: "newest, no filter", query: {} },
  { name: "status=open", query: { status: "open" } },
  { name: "status=on_hold (2 %)", query: { status: "on_hold" } },
  { name: "cancelled + voided", query: { status: "cancelled", payment_status: "voided" } },
  { name: "channel + last 30 days", query: { channel_id: "ch_amazon", created_from: String(NOW - 30 * DAY) } },
  { name: "payment authorized + unfulfilled", query: { payment_status: "authorized", fulfillment_status: "unfulfilled" } },
  { name: "customer email", query: { email: "customer123@example.com" } },
  { name: "order number", query: { number: "51234" } },
  { name: "sku", query: { sku: "SKU-0042" } },
  { name: "location + unfulfilled", query: { location_id: "loc_3pl", fulfillment_status: "unfulfilled" } },
  { name: "tag", query: { tag: "wholesale" } },
  { name: "tag + status=open", query: { tag: "vip", status: "open" } },
  { name: "sort total desc", query: { sort: "total" } },
  { name: "status=open sort total desc", query: { status: "open", sort: "total" } },
  { name: "date range, oldest first", query: { created_from: String(NOW - 200 * DAY), created_to: String(NOW - 100 * DAY), order: "asc" } },
];

async function main() {
  rmSync(join(ROOT, STATE_DIR), { recursive: true, force: true });
  mkdirSync(join(ROOT, ".bench"), { recursive: true });
  log(`applying migrations to ${STATE_DIR}`);
  await applyMigrations({ persistTo: STATE_DIR, quiet: true });
  log(`generating ${ORDERS} orders`);
  const t0 = Date.now();
  const file = join(ROOT, ".bench", "orders-search.sql");
  writeFileSync(file, storeSql().join("\n"));
  wrangler(["d1", "execute", "DB", "--local", "--persist-to", STATE_DIR, "--file", file, "--yes"]);
  const loadedMs = Date.now() - t0;
  const counts = JSON.parse(
    wrangler(["d1", "execute", "DB", "--local", "--persist-to", STATE_DIR, "--json", "--command",
      "SELECT (SELECT COUNT(*) FROM orders) AS orders, (SELECT COUNT(*) FROM order_lines) AS lines, (SELECT COUNT(*) FROM allocations) AS allocations, (SELECT COUNT(*) FROM customers) AS customers, (SELECT COUNT(*) FROM order_tags) AS tagged"]),
  )[0].results[0];
  log(`loaded in ${(loadedMs / 1000).toFixed(0)} s: ${JSON.stringify(counts)}`);

  const plans = Object.fromEntries(CASES.map((c) => [c.name, plan({ limit: "50", ...c.query })]));

  const adminKey = `sk_bench_${Date.now()}`;
  const port = await freePort();
  const fd = openSync(join(ROOT, ".bench", "orders-search-wrangler.log"), "w");
  const server = startDev({ port, host: "127.0.0.1", persistTo: STATE_DIR, inspectorPort: await freePort(), logLevel: "warn", vars: { ADMIN_API_KEY: adminKey }, output: fd, detached: true });
  closeSync(fd);
  const results: Record<string, unknown>[] = [];
  try {
    await waitForHealth(server);
    const get = async (query: Record<string, string>) => {
      const started = performance.now();
      const res = await fetch(`${server.url}/v1/orders?${new URLSearchParams({ limit: "50", ...query })}`, { headers: { authorization: `Bearer ${adminKey}` } });
      const body = (await res.json()) as { data: unknown[]; next_cursor: string | null };
      if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(body)}`);
      return { ms: performance.now() - started, rows: body.data.length, next: body.next_cursor };
    };
    for (const c of CASES) {
      for (let i = 0; i < 20; i++) await get(c.query);
      const times: number[] = [];
      let rows = 0;
      let next: string | null = null;
      for (let i = 0; i < REQUESTS; i++) {
        const r = await get(c.query);
        times.push(r.ms);
        rows = r.rows;
        next = r.next;
      }
      // The second page costs what the first does: the cursor is a seek, not an offset.
      const second = next ? (await get({ ...c.query, cursor: next })).ms : null;
      const r = { case: c.name, query: c.query, rows, p50_ms: +percentile(times, 50)!.toFixed(2), p99_ms: +percentile(times, 99)!.toFixed(2), second_page_ms: second && +second.toFixed(2), plan: plans[c.name] };
      results.push(r);
      log(`${c.name.padEnd(36)} rows ${String(rows).padStart(2)}  p50 ${r.p50_ms} ms  p99 ${r.p99_ms} ms  | ${r.plan.join(" ; ")}`);
    }
  } finally {
    await server.stop();
  }
  process.stdout.write(`${JSON.stringify({ orders: ORDERS, store: counts, load_seconds: Math.round(loadedMs / 1000), requests_per_case: REQUESTS, results }, null, 2)}\n`);
}

main().catch((err) => {
  log(String(err?.stack ?? err));
  process.exit(1);
});
