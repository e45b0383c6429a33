// What a filtered page of the order list costs on a store with 100,000 orders.
//
// Builds a throwaway local D1 (.bench/orders-search, wiped first) through wrangler: the migrations, then the store of
// bench/store.ts (100,000 orders by default). Then starts `wrangler dev` on it and, for each filter
// combination, sends BENCH_REQUESTS (default 200) GET /v1/orders one after the other (after 20 to warm up) and
// reports p50/p99 of the request time, with SQLite's EXPLAIN QUERY PLAN of the exact SELECT the API runs.
// Prints one JSON object on stdout; progress on stderr. `npx tsx bench/orders-search.ts`
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { percentile } from "../src/domain/percentile";
import { OrderSearch, searchSql } from "../src/orders/search";
import { DAY, NOW, ORDERS, q, storeSql } from "./store";
import { ROOT, applyMigrations, freePort, startDev, waitForHealth } from "../scripts/lib/wrangler";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const STATE_DIR = ".bench/orders-search"; // relative to ROOT, wrangler's cwd
const log = (m: string) => process.stderr.write(`[orders-search] ${m}\n`);
const WRANGLER = join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");

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
