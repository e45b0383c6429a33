// How long the dashboard's main pages take to answer on a store of 100,000 orders (issue 11).
//
// Builds a throwaway local D1 (.bench/dashboard, wiped first) with the store of bench/store.ts, adds an owner, starts
// `wrangler dev` on it, signs in through the login form like a browser, then for each page sends BENCH_REQUESTS
// (default 50) GETs one after the other (after 5 to warm up) and reports p50/p99 of the whole answer (HTML read to the
// end) and its size. Prints one JSON object on stdout; progress on stderr. `npx tsx bench/dashboard-pages.ts`
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { percentile } from "../src/domain/percentile";
import { hashPassword } from "../src/staff/password";
import { ORDERS, q, storeSql } from "./store";
import { ROOT, applyMigrations, freePort, startDev, waitForHealth } from "../scripts/lib/wrangler";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 50);
const STATE_DIR = ".bench/dashboard"; // relative to ROOT, wrangler's cwd
const WRANGLER = join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");
const log = (m: string) => process.stderr.write(`[dashboard-pages] ${m}\n`);
const EMAIL = "owner@bench.local";
const PASSWORD = "bench owner password";

// The pages staff open all day, with filters that exist in the generated store.
const PAGES: [string, string][] = [
  ["Today", "/admin"],
  ["Orders, newest", "/admin/orders"],
  ["Orders, on hold", "/admin/orders?status=on_hold"],
  ["Orders, search by email", "/admin/orders?q=customer123%40example.com"],
  ["Orders, search by SKU", "/admin/orders?q=SKU-0042"],
  ["Order detail", "/admin/orders/ord_00051234"],
  ["Fulfillment queue", "/admin/fulfillment/loc_ber"],
  ["Inventory, all", "/admin/inventory"],
  ["Inventory, low stock", "/admin/inventory?low=1"],
  ["Customers", "/admin/customers"],
  ["Returns", "/admin/returns"],
  ["Analytics", "/admin/analytics"],
];

function wrangler(args: string[]) {
  const r = spawnSync(process.execPath, [WRANGLER, ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
  if (r.status !== 0) throw new Error(`wrangler ${args.slice(0, 3).join(" ")} failed: ${r.stderr.slice(-2000)}`);
  return r.stdout;
}

async function main() {
  rmSync(join(ROOT, STATE_DIR), { recursive: true, force: true });
  mkdirSync(join(ROOT, ".bench"), { recursive: true });
  log(`applying migrations to ${STATE_DIR}`);
  await applyMigrations({ persistTo: STATE_DIR, quiet: true });
  log(`generating ${ORDERS} orders`);
  const t0 = Date.now();
  const file = join(ROOT, ".bench", "dashboard.sql");
  const owner = `INSERT INTO staff_users (id, email, name, role, password_hash, status, created_at, updated_at) VALUES ('stf_bench', ${q(EMAIL)}, 'Bench Owner', 'owner', ${q(await hashPassword(PASSWORD))}, 'active', 0, 0);`;
  writeFileSync(file, [...storeSql(), owner].join("\n"));
  wrangler(["d1", "execute", "DB", "--local", "--persist-to", STATE_DIR, "--file", file, "--yes"]);
  log(`loaded in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

  const port = await freePort();
  const fd = openSync(join(ROOT, ".bench", "dashboard-wrangler.log"), "w");
  const server = startDev({ port, host: "127.0.0.1", persistTo: STATE_DIR, inspectorPort: await freePort(), logLevel: "warn", vars: { ADMIN_API_KEY: `sk_bench_${Date.now()}` }, output: fd, detached: true });
  closeSync(fd);
  const results: Record<string, unknown>[] = [];
  try {
    await waitForHealth(server);
    const login = await fetch(`${server.url}/admin/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url },
      body: new URLSearchParams({ email: EMAIL, password: PASSWORD, next: "/admin" }),
    });
    const cookie = login.headers.get("set-cookie")?.split(";")[0];
    if (login.status !== 303 || !cookie) throw new Error(`login -> ${login.status}`);
    const get = async (path: string) => {
      const started = performance.now();
      const res = await fetch(`${server.url}${path}`, { headers: { cookie }, redirect: "manual" });
      const body = await res.text();
      return { ms: performance.now() - started, status: res.status, bytes: body.length };
    };
    for (const [name, path] of PAGES) {
      for (let i = 0; i < 5; i++) await get(path);
      const times: number[] = [];
      let last = { status: 0, bytes: 0 };
      for (let i = 0; i < REQUESTS; i++) {
        const r = await get(path);
        times.push(r.ms);
        last = r;
      }
      const r = { page: name, path, status: last.status, kb: +(last.bytes / 1024).toFixed(1), p50_ms: +percentile(times, 50)!.toFixed(1), p99_ms: +percentile(times, 99)!.toFixed(1) };
      results.push(r);
      log(`${name.padEnd(28)} ${r.status}  ${String(r.kb).padStart(6)} KB  p50 ${r.p50_ms} ms  p99 ${r.p99_ms} ms`);
    }
  } finally {
    await server.stop();
  }
  process.stdout.write(`${JSON.stringify({ orders: ORDERS, requests_per_page: REQUESTS, results }, null, 2)}\n`);
}

main().catch((err) => {
  log(String(err?.stack ?? err));
  process.exit(1);
});
