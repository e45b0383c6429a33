// `npm run bench`: one run that measures the storefront paths against a throwaway local OMS.
//
// Starts its own `wrangler dev` (free port, state in .bench/state, wiped first), seeds it through the API, then with
// autocannon (50 connections, BENCH_SECONDS each, default 8), the baseline measured before, between and after the
// other rows (baseline, row, baseline, row, …, baseline) so that its median and spread say how much the machine moved:
//   baseline          GET /health, the trivial route every other figure is compared with (ratio = throughput / baseline)
//   floor             POST /dev/floor (development only, src/dev/floor.ts): one Durable Object call that writes
//                     storage + one D1 batch insert through the group commit, the least any checkout must do;
//                     measured twice, the mean is the floor (ratio to floor = throughput / floor)
//   availability      GET /v1/availability for 5 SKUs with a publishable key
//   checkout_hot      POST /v1/checkouts, 1 unit of one SKU that has 10,000,000 units (one InventoryCell)
//   checkout_spread   POST /v1/checkouts, 1 unit of one of the 20 seeded SKUs, round robin
//   checkout_paid     the same with a payment: the backbone (fulfillment, labels, messages) runs on the same cores
// and finally a storm: 200 shoppers at once want 1 unit of a SKU with 50 units (30 in Berlin + 20 in Lyon); the
// cells' own figures afterwards say how many were sold. Prints one JSON object on stdout (progress goes to stderr),
// writes the numbers into bench/README.md and the chart into bench/results.svg, and stops wrangler whatever happens.
//
// Env: BENCH_SECONDS (8), BENCH_CONNECTIONS (50), BENCH_STORM (200 shoppers), BENCH_WRITE_README (1; 0 = leave it).
import autocannon from "autocannon";
import { randomBytes, randomUUID } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { Api, expectStatus, type ApiResponse } from "../scripts/lib/http";
import { ensureDevVars } from "../scripts/lib/dev-vars";
import { ROOT, applyMigrations, freePort, startDev, waitForHealth, type DevServer } from "../scripts/lib/wrangler";
import { PRODUCTS, SKUS, seed } from "../scripts/seed";
import { chartSvg } from "./chart";
import { stripedRows } from "./striped";
import { labelLatency } from "./label-latency";
import { stockSyncLatency } from "./stock-sync";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const WARMUP_SECONDS = Math.min(2, SECONDS);
const STORM_SHOPPERS = Number(process.env.BENCH_STORM ?? 200);
const STORM_STOCK = { "WH-BER": 30, "WH-LYS": 20 } as const;
const HOT_UNITS = 10_000_000;
const SPREAD_UNITS = 1_000_000;
const WRITE_README = process.env.BENCH_WRITE_README !== "0";
const LABEL_ORDERS = Number(process.env.BENCH_LABEL_ORDERS ?? 500);
const DRAIN_SECONDS = Number(process.env.BENCH_DRAIN_SECONDS ?? 5);
const SYNC_SALES = Number(process.env.BENCH_SYNC_SALES ?? 100);

const BENCH_DIR = join(ROOT, ".bench");
const STATE_DIR = ".bench/state"; // relative to ROOT, wrangler's cwd
const README = join(ROOT, "bench", "README.md");
const CHART = join(ROOT, "bench", "results.svg");
const START_MARK = "<!-- bench:results:start -->";
const END_MARK = "<!-- bench:results:end -->";

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const round = (n: number, digits = 0) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : 0);

// Two shoppers' addresses: one near Berlin, one near Lyon, so the planner has reason to use both warehouses.
const SHIP_TO = [
  { name: "Erika Mustermann", line1: "Reeperbahn 1", city: "Hamburg", postal_code: "20359", country: "DE", latitude: 53.55, longitude: 9.97 },
  { name: "Jean Dupont", line1: "La Canebière 1", city: "Marseille", postal_code: "13001", country: "FR", latitude: 43.3, longitude: 5.37 },
];

let sequence = 0;
const PRICE = new Map<string, number>(PRODUCTS.flatMap((p) => p.variants.map((v) => [v.sku, v.price.amount] as [string, number])));
// A checkout as a storefront sends it. Paid: with the authorization its payment provider gave for the exact total,
// so the stock is committed at once and the order goes on to fulfillment, labels and notifications (on these same
// cores). Unpaid: the stock is held until payment is confirmed, nothing else runs.
const checkoutBody = (sku: string, paid: boolean, n = sequence++) =>
  JSON.stringify({
    email: `shopper+${n}@example.com`,
    currency: "EUR",
    lines: [{ sku, quantity: 1 }],
    shipping_address: SHIP_TO[n % SHIP_TO.length],
    ...(paid ? { payment: { provider: "bench-psp", reference: `auth_${runId}_${n}`, amount: PRICE.get(sku) } } : {}),
  });
const runId = randomBytes(4).toString("hex");
const idempotencyKey = () => `bench-${runId}-${randomUUID()}`;

export interface Phase {
  rps: number;
  p50: number;
  p99: number;
  /** Responses by status over the measured window. */
  statuses: Record<string, number>;
  errors: number;
}

function statusCounts(r: autocannon.Result): Record<string, number> {
  return Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, Number(s.count)]));
}

/** Runs autocannon twice (a short warm-up, then the measured window); throughput counts `okStatus` answers only. */
async function measure(title: string, opts: Omit<autocannon.Options, "url" | "duration" | "connections">, base: string, okStatus: number, warmupSeconds = WARMUP_SECONDS) {
  const common = { url: base, connections: CONNECTIONS, timeout: 30, ...opts };
  if (warmupSeconds > 0) await autocannon({ ...common, duration: warmupSeconds, title: `${title} warm-up` });
  log(`${title}: ${SECONDS} s, ${CONNECTIONS} connections`);
  const r = await autocannon({ ...common, duration: SECONDS, title });
  const statuses = statusCounts(r);
  const phase: Phase = {
    rps: round((statuses[okStatus] ?? 0) / r.duration, 1),
    p50: r.latency.p50,
    p99: r.latency.p99,
    statuses,
    errors: r.errors + r.timeouts,
  };
  log(`${title}: ${phase.rps}/s ok, p50 ${phase.p50} ms, p99 ${phase.p99} ms, statuses ${JSON.stringify(statuses)}${phase.errors ? `, ${phase.errors} socket errors` : ""}`);
  return phase;
}

const checkoutRequest = (pk: string, nextSku: () => string, paid: boolean): autocannon.RequestSpec => ({
  method: "POST",
  path: "/v1/checkouts",
  headers: { authorization: `Bearer ${pk}`, "content-type": "application/json" },
  setupRequest: (req) => ({
    ...req,
    headers: { ...req.headers, "idempotency-key": idempotencyKey() },
    body: checkoutBody(nextSku(), paid),
  }),
});

async function receive(api: Api, sku: string, locationId: string, quantity: number) {
  const res = await api.post(
    "/v1/inventory/movements",
    { sku, location_id: locationId, kind: "receive", quantity, reason: "purchase_order", note: "bench" },
    { idempotencyKey: idempotencyKey() },
  );
  expectStatus("POST", "/v1/inventory/movements", res, 201);
}

/** Waits until the read model (which ranks candidate locations) shows at least `min` available for sku@location. */
async function waitForProjection(api: Api, sku: string, locationId: string, min: number, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await api.get(`/v1/inventory/levels?sku=${encodeURIComponent(sku)}&location_id=${encodeURIComponent(locationId)}`);
    const level = res.status === 200 ? (res.body?.data ?? []).find((l: any) => l.location_id === locationId) : undefined;
    if (level && level.available >= min) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  log(`warning: the read model did not show ${min} units of ${sku} at ${locationId} within ${timeoutMs / 1000} s`);
  return false;
}

async function storm(api: Api, pk: string, locations: Record<string, string>) {
  const sku = "STORM-1";
  PRICE.set(sku, 9900);
  const created = await api.post(
    "/v1/products",
    { title: "Storm Sneaker", description: "The one everyone wants.", variants: [{ sku, title: "One size", price: { amount: 9900, currency: "EUR" }, weight_grams: 800 }] },
    { idempotencyKey: idempotencyKey() },
  );
  expectStatus("POST", "/v1/products", created, 201);
  for (const [code, units] of Object.entries(STORM_STOCK)) await receive(api, sku, locations[code], units);
  for (const [code, units] of Object.entries(STORM_STOCK)) await waitForProjection(api, sku, locations[code], units);
  const stock = Object.values(STORM_STOCK).reduce((a, b) => a + b, 0);

  log(`storm: ${STORM_SHOPPERS} shoppers at once, 1 unit each, ${stock} units`);
  const shoppers = Array.from({ length: STORM_SHOPPERS }, (_, n) =>
    fetch(new URL("/v1/checkouts", api.baseUrl), {
      method: "POST",
      headers: { authorization: `Bearer ${pk}`, "content-type": "application/json", "idempotency-key": idempotencyKey() },
      body: checkoutBody(sku, true, n),
      signal: AbortSignal.timeout(60_000),
    }).then(
      async (res) => ({ status: res.status, code: await res.json().then((b: any) => b?.code as string | undefined, () => undefined) }),
      () => ({ status: 0, code: "network_error" }),
    ),
  );
  const answers = await Promise.all(shoppers);
  const byStatus: Record<string, number> = {};
  const byCode: Record<string, number> = {};
  for (const a of answers) {
    byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
    if (a.status !== 201 && a.code) byCode[a.code] = (byCode[a.code] ?? 0) + 1;
  }

  // The truth: each cell's own figures, read after the storm. Units gone from a cell = held + committed + shipped.
  const cells: Record<string, { on_hand: number; held: number; committed: number; available: number }> = {};
  let cellsSold = 0;
  for (const [code, received] of Object.entries(STORM_STOCK)) {
    const res: ApiResponse = await api.get(`/v1/locations/${encodeURIComponent(locations[code])}/inventory/${sku}`);
    const c = expectStatus("GET", `/v1/locations/{id}/inventory/${sku}`, res, 200);
    cells[code] = { on_hand: c.on_hand, held: c.held, committed: c.committed, available: c.available };
    cellsSold += c.held + c.committed + (received - c.on_hand);
  }
  const sold = byStatus[201] ?? 0;
  const result = {
    demand: STORM_SHOPPERS,
    stock,
    sold,
    rejected_409: byStatus[409] ?? 0,
    errors_5xx: Object.entries(byStatus).reduce((n, [s, k]) => n + (Number(s) >= 500 || s === "0" ? k : 0), 0),
    oversell: Math.max(0, sold - stock, cellsSold - stock),
    /** Units the cells hold, commit or shipped for orders; equals `sold` when every answer told the truth. */
    cells_sold: cellsSold,
    left_available: Object.values(cells).reduce((n, c) => n + c.available, 0),
    statuses: byStatus,
    codes: byCode,
    cells,
  };
  log(`storm: ${JSON.stringify(result)}`);
  return result;
}

/** One row's figure from its repeated runs: the median (the mean of the middle two for an even count) and the spread. */
function summary(ps: Phase[]) {
  const median = (xs: number[]) => {
    const v = [...xs].sort((a, b) => a - b);
    const m = Math.floor(v.length / 2);
    return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
  };
  const rps = ps.map((p) => p.rps);
  return { rps: round(median(rps), 1), min: Math.min(...rps), max: Math.max(...rps), runs: ps.length, p50: round(median(ps.map((p) => p.p50)), 1), p99: round(median(ps.map((p) => p.p99)), 1) };
}

function mergeStatuses(ps: Phase[]): Record<string, number> {
  const all: Record<string, number> = {};
  for (const p of ps) for (const [k, n] of Object.entries(p.statuses)) all[k] = (all[k] ?? 0) + n;
  return all;
}

/** A row a helper module adds to the bench (e.g. a striped SKU): measured like the others, baseline around it. */
export interface Row {
  key: string;
  label: string;
  unit: "req/s" | "orders/s";
  run: () => Promise<Phase>;
}

export interface RowContext {
  base: string;
  /** Publishable key (storefront) and a secret key with storefront + payments:write. */
  pk: string;
  serverKey: string;
  adminKey: string;
  hotSku: string;
  measure: typeof measure;
}

/** Rows from other bench modules (they run between the spread row and the paid row): the striped flash-sale SKU. */
function extraRows(ctx: RowContext): Row[] {
  return stripedRows(ctx);
}

const rowsOf = (r: Record<string, any>) => Object.entries(r).filter(([, v]) => v && typeof v === "object" && typeof v.ratio_to_floor === "number") as [string, any][];

function chartRows(r: Record<string, any>) {
  return [
    { label: `GET /health (baseline, median of ${r.baseline.runs})`, value: r.baseline.rps, min: r.baseline.min, max: r.baseline.max, kind: "baseline" as const },
    ...rowsOf(r).map(([key, v]) => ({ label: v.label.replace(/ \(fulfillment.*\)$/, " (backbone running)").replace(/ \(floor\)$/, ""), value: v.rps ?? v.ops, min: v.min, max: v.max, kind: key === "floor" ? ("floor" as const) : ("row" as const) })),
  ];
}

function markdown(r: Record<string, any>): string {
  const spread = (v: any) => (v.runs > 1 ? ` (${v.min}–${v.max}, ${v.runs} runs)` : "");
  const row = (v: any) =>
    `| ${v.label} | ${v.unit} | ${v.rps ?? v.ops}${spread(v)} | ${v.p50} | ${v.p99} | ${v.ratio.toFixed(2)} | ${v.ratio_to_floor.toFixed(2)} |`;
  const b = r.baseline;
  const s = r.storm;
  return [
    `Run ${r.at} on ${r.machine.cpus} CPUs (${r.machine.cpu}), Node ${r.machine.node}, wrangler dev (local workerd), autocannon on the same machine, ${r.connections} connections, ${r.seconds} s per row; load average ${r.machine.load_1m_at_start} at the start.`,
    "",
    `Baseline: median of ${b.runs} runs of GET /health, one before, between and after the other rows: **${b.rps} req/s**, spread ${b.min}–${b.max} (${b.all.join(", ")}).`,
    "",
    "![The rows of this run: throughput per row, the baseline's spread as a band, the floor as a line](results.svg)",
    "",
    "| request | measured | per s | p50 ms | p99 ms | ratio to baseline | ratio to floor |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    `| GET /health (baseline) | req/s | ${b.rps}${spread(b)} | ${b.p50} | ${b.p99} | 1.00 | ${r.floor.rps > 0 ? (b.rps / r.floor.rps).toFixed(2) : "–"} |`,
    ...rowsOf(r).map(([, v]) => row(v)),
    "",
    !s ? "Storm: failed to run (see the bench's log)." : `Storm: ${s.demand} shoppers at once for ${s.stock} units (30 + 20 at two warehouses): **${s.sold} sold**, ${s.rejected_409} answered 409, ` +
      `${s.errors_5xx} errors (5xx/network), cells account for ${s.cells_sold} units, **oversell ${s.oversell}**.`,
    "",
    r.labels
      ? `Labels: a burst of ${r.labels.orders} paid orders; from each order's 201 to its label downloadable: **p50 ${r.labels.p50_ms} ms, p99 ${r.labels.p99_ms} ms** ` +
        `(max ${r.labels.max_ms} ms; ${r.labels.missing} without a label after 3 minutes). Before the burst, the backlog the paid row left took ${(r.backlog_drained_ms / 1000).toFixed(1)} s to drain.`
      : "Labels: not measured (BENCH_LABEL_ORDERS=0).",
    "",
    r.stock_sync
      ? `Stock out to a channel: ${r.stock_sync.sales} sales of one SKU, 10 at a time, gave **${r.stock_sync.updates_per_100_sales} updates per 100 sales**; ` +
        `from a sale's 201 to the channel update that counts it arriving: **p50 ${r.stock_sync.burst_p50_ms} ms, p99 ${r.stock_sync.burst_p99_ms} ms** ` +
        `(single sales 1.5 s apart: p50 ${r.stock_sync.single_p50_ms} ms, p99 ${r.stock_sync.single_p99_ms} ms; ${r.stock_sync.missing} sales never counted; in order: ${r.stock_sync.in_order}).`
      : "Stock sync: not measured (BENCH_SYNC_SALES=0).",
    "",
    "```json",
    JSON.stringify(r, null, 2),
    "```",
  ].join("\n");
}

function writeReadme(md: string) {
  if (!existsSync(README)) return log("bench/README.md is missing; results not written");
  const text = readFileSync(README, "utf8");
  const start = text.indexOf(START_MARK);
  const end = text.indexOf(END_MARK);
  if (start < 0 || end < start) return log(`bench/README.md has no ${START_MARK} … ${END_MARK} section; results not written`);
  writeFileSync(README, `${text.slice(0, start + START_MARK.length)}\n${md}\n${text.slice(end)}`);
  log("wrote the results into bench/README.md");
}

async function main() {
  const loadAtStart = round(loadavg()[0], 2);
  if (loadAtStart > cpus().length * 0.5) log(`note: load average is ${loadAtStart} on ${cpus().length} CPUs before starting; numbers will be lower`);
  rmSync(join(ROOT, STATE_DIR), { recursive: true, force: true });
  mkdirSync(BENCH_DIR, { recursive: true });
  // The OMS Worker's secrets come from .dev.vars (wrangler hands --var to the first Worker of a multi-Worker dev only).
  const adminKey = ensureDevVars((m) => log(m));
  const [port, inspectorPort] = [await freePort(), await freePort()];

  log(`applying migrations to ${STATE_DIR}`);
  await applyMigrations({ persistTo: STATE_DIR, quiet: true });

  const logFile = join(BENCH_DIR, "wrangler.log");
  const fd = openSync(logFile, "w");
  log(`starting wrangler dev on 127.0.0.1:${port} (its output: .bench/wrangler.log)`);
  const server: DevServer = startDev({
    port,
    host: "127.0.0.1",
    persistTo: STATE_DIR,
    inspectorPort,
    logLevel: "warn", // no line per request: logging 2,000 lines/s would be measured too
    output: fd,
    detached: true,
  });
  closeSync(fd);

  let interrupted = false;
  const onSignal = (sig: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    log(`${sig}: stopping wrangler`);
    void server.stop().then(() => process.exit(130));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  try {
    await waitForHealth(server);
    const base = server.url;
    const admin = new Api(base, adminKey);
    const whoami = await admin.get("/v1/api-keys?limit=1");
    if (whoami.status !== 200) throw new Error(`the bench admin key is refused (GET /v1/api-keys -> ${whoami.status}); is it the ADMIN_API_KEY in .dev.vars?`);

    log("seeding");
    const seeded = await seed(base, adminKey, { log: (m) => log(`seed: ${m}`), keyPrefix: `bench-${runId}` });
    if (seeded.missing.length) throw new Error(`cannot bench: route(s) missing: ${seeded.missing.join(", ")}`);
    const berlin = seeded.locations["WH-BER"];
    const pkRes = await admin.post("/v1/api-keys", { kind: "publishable", name: "bench storefront" });
    const pk: string = expectStatus("POST", "/v1/api-keys", pkRes, 201).key;
    // Paid checkouts come from the merchant's server (only a payments:write secret key may say an order is paid).
    const serverRes = await admin.post("/v1/api-keys", { kind: "secret", name: "bench shop server", scopes: ["storefront", "payments:write"] });
    const serverKey: string = expectStatus("POST", "/v1/api-keys", serverRes, 201).key;
    // One bench machine is one client IP: the per-IP reservation window would stop the unpaid rows after 500 units.
    const limits = await admin.request("PUT", "/v1/settings/checkout-limits", { body: { max_units_per_checkout: 100, max_held_units_per_window: 10_000_000, window_seconds: 900 } });
    expectStatus("PUT", "/v1/settings/checkout-limits", limits, 200);

    const hotSku = SKUS[0];
    log(`stock: ${HOT_UNITS} units of ${hotSku} and ${SPREAD_UNITS} of every other SKU at WH-BER`);
    await receive(admin, hotSku, berlin, HOT_UNITS);
    for (const sku of SKUS.slice(1)) await receive(admin, sku, berlin, SPREAD_UNITS);
    for (const sku of SKUS) await waitForProjection(admin, sku, berlin, SPREAD_UNITS);

    // The rows, in the order they run; the baseline runs before, between and after them. The paid row goes last: it
    // leaves the queues a backlog that slows whatever follows. (A row added here, e.g. a striped SKU, gets the same
    // treatment: baseline around it, ratios to baseline and floor, a bar in the chart.)
    const availabilitySkus = SKUS.filter((_, i) => i % 4 === 0).slice(0, 5);
    let next = 0;
    const floorRow: Row = {
      key: "floor",
      label: "POST /dev/floor: 1 cell write + 1 D1 batch insert (floor)",
      unit: "req/s",
      run: () => measure("floor", { requests: [{ method: "POST", path: "/dev/floor", headers: { "content-type": "application/json" }, setupRequest: (req) => ({ ...req, body: checkoutBody(hotSku, false) }) }] }, base, 201),
    };
    const rows: Row[] = [
      {
        key: "availability",
        label: "GET /v1/availability (5 SKUs)",
        unit: "req/s",
        run: () =>
          measure(
            "availability",
            { requests: [{ method: "GET", path: `/v1/availability?${availabilitySkus.map((s) => `sku=${encodeURIComponent(s)}`).join("&")}`, headers: { authorization: `Bearer ${pk}` } }] },
            base,
            200,
          ),
      },
      floorRow,
      { key: "checkout_hot", label: "POST /v1/checkouts, one hot SKU", unit: "orders/s", run: () => measure("checkout hot SKU", { requests: [checkoutRequest(pk, () => hotSku, false)] }, base, 201) },
      { key: "checkout_spread", label: "POST /v1/checkouts, 20 SKUs", unit: "orders/s", run: () => measure("checkout 20 SKUs", { requests: [checkoutRequest(pk, () => SKUS[next++ % SKUS.length], false)] }, base, 201) },
      floorRow,
      ...extraRows({ base, pk, serverKey, adminKey, hotSku, measure }),
      {
        key: "checkout_paid_with_backbone",
        label: "POST /v1/checkouts, 20 SKUs, paid (fulfillment, labels, messages run on the same cores)",
        unit: "orders/s",
        run: () => measure("paid checkout 20 SKUs", { requests: [checkoutRequest(serverKey, () => SKUS[next++ % SKUS.length], true)] }, base, 201),
      },
    ];
    const baselineRuns: Phase[] = [];
    const phases = new Map<string, Phase[]>();
    // The baseline's first run gets the usual warm-up; the later ones a short one (the route is warm by then).
    const baselineOnce = () => measure(`baseline GET /health (${baselineRuns.length + 1})`, { method: "GET", requests: [{ path: "/health" }] }, base, 200, baselineRuns.length ? 1 : WARMUP_SECONDS);
    baselineRuns.push(await baselineOnce());
    for (const row of rows) {
      phases.set(row.key, [...(phases.get(row.key) ?? []), await row.run()]);
      baselineRuns.push(await baselineOnce());
    }
    // On a machine this busy a storm can fail outright (wrangler answering 503): the rows above still count.
    const stormResult = await storm(admin, serverKey, seeded.locations).catch((err: unknown) => {
      log(`storm failed: ${err instanceof Error ? err.message : err}`);
      process.exitCode = 1;
      return null;
    });
    // The paid orders above left the queues a backlog (fulfillment, labels, messages); let it drain so the label
    // figure is about a burst, not about the queue behind it. The queues are roughly first in, first out: one more
    // paid order getting its label says the backlog is through; then a short pause for the messages behind it.
    log("letting the queues drain: one paid order, waiting for its label");
    const drainStart = Date.now();
    const sentinel = await labelLatency({ base, pk: serverKey, adminKey, sku: hotSku, price: PRICE.get(hotSku)!, orders: 1, concurrency: 1, log });
    const drainedInMs = Date.now() - drainStart;
    log(`queues drained in ${(drainedInMs / 1000).toFixed(1)} s (${sentinel.missing ? "not done after 3 minutes" : "done"}); pausing ${DRAIN_SECONDS} s`);
    await new Promise((r) => setTimeout(r, DRAIN_SECONDS * 1000));
    const labels =
      LABEL_ORDERS > 0
        ? await labelLatency({ base, pk: serverKey, adminKey, sku: hotSku, price: PRICE.get(hotSku)!, orders: LABEL_ORDERS, concurrency: CONNECTIONS, log })
        : null;

    const stockSync = SYNC_SALES > 0 ? await stockSyncLatency({ base, pk: serverKey, adminKey, locationId: berlin, log }) : null;

    const baseline = summary(baselineRuns);
    const floor = summary(phases.get("floor")!);
    const ratio = (n: number) => (baseline.rps > 0 ? round(n / baseline.rps, 3) : 0);
    const toFloor = (n: number) => (floor.rps > 0 ? round(n / floor.rps, 3) : 0);
    const rowResults = Object.fromEntries(
      [...new Map(rows.map((r) => [r.key, r])).values()].map((r) => {
        const s = summary(phases.get(r.key)!);
        const figure = r.unit === "orders/s" ? { ops: s.rps } : { rps: s.rps };
        return [r.key, { ...figure, p50: s.p50, p99: s.p99, ratio: ratio(s.rps), ratio_to_floor: toFloor(s.rps), ...(s.runs > 1 ? { min: s.min, max: s.max, runs: s.runs } : {}), label: r.label, unit: r.unit }];
      }),
    );
    const result = {
      baseline: { rps: baseline.rps, min: baseline.min, max: baseline.max, runs: baseline.runs, all: baselineRuns.map((b) => b.rps), p50: baseline.p50, p99: baseline.p99 },
      ...rowResults,
      storm: stormResult,
      labels,
      backlog_drained_ms: drainedInMs,
      stock_sync: stockSync,
      machine: { cpus: cpus().length, node: process.version, cpu: cpus()[0]?.model?.trim() ?? "unknown", load_1m_at_start: loadAtStart },
      seconds: SECONDS,
      connections: CONNECTIONS,
      statuses: { baseline: mergeStatuses(baselineRuns), ...Object.fromEntries([...phases].map(([k, ps]) => [k, mergeStatuses(ps)])) },
      at: new Date().toISOString(),
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    const md = markdown(result);
    process.stderr.write(`\n${md.split("\n```json")[0]}\n`);
    if (WRITE_README) {
      writeReadme(md);
      writeFileSync(CHART, chartSvg(chartRows(result), `npm run bench, ${result.at.slice(0, 16).replace("T", " ")} UTC, ${CONNECTIONS} connections, ${SECONDS} s rows`));
      log("wrote the chart into bench/results.svg");
    }
    for (const [name, ps] of phases)
      for (const p of ps) if (Object.keys(p.statuses).some((s) => s !== "200" && s !== "201")) log(`note: ${name} had answers other than success: ${JSON.stringify(p.statuses)}`);
    if (stormResult && stormResult.oversell > 0) {
      log(`FAIL: oversold ${stormResult.oversell} units`);
      process.exitCode = 1;
    }
  } finally {
    log("stopping wrangler");
    await server.stop();
  }
}

main().catch((err) => {
  log(`failed: ${err instanceof Error ? err.message : err}`);
  log("wrangler's output is in .bench/wrangler.log");
  process.exitCode = 1;
});
