// `npm run bench:startup`: how long each Worker takes to start, from its built bundle (`npm run build`, minified as
// deployed), in the same workerd the tests use. A Worker's startup is the evaluation of its top level: what a cold
// request waits for before the Worker's code runs at all. Measured as the time until workerd answers a first request
// for the bundle, less the same for a Worker of one line, in the same run, so workerd's own start is taken out.
// Prints a table and writes bench/startup.json.
import { execFileSync } from "node:child_process";
import { statSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { ROOT } from "../scripts/lib/wrangler";

const RUNS = Number(process.env.STARTUP_RUNS ?? 7);
const WORKERS = [
  { name: "storefront", config: "src/storefront-worker/wrangler.toml", path: "/health" },
  { name: "oms", config: "wrangler.toml", path: "/health" },
  { name: "documents", config: "src/documents-worker/wrangler.toml", path: "/" },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function firstAnswer(script: { scriptPath?: string; script?: string }, path: string): Promise<number> {
  const started = performance.now();
  const mf = new Miniflare({ modules: true, compatibilityDate: "2026-04-26", compatibilityFlags: ["nodejs_compat"], ...script } as never);
  try {
    const res = await mf.dispatchFetch(`http://localhost${path}`);
    await res.arrayBuffer();
    return performance.now() - started;
  } finally {
    await mf.dispose();
  }
}

async function main() {
  const out = join(ROOT, ".bench", "startup");
  for (const w of WORKERS)
    execFileSync(process.execPath, [join(ROOT, "node_modules/wrangler/bin/wrangler.js"), "deploy", "--dry-run", "--minify", "-c", w.config, "--outdir", join(out, w.name)], {
      cwd: ROOT,
      stdio: "ignore",
    });
  const trivial = { script: 'export default { fetch: () => new Response("ok") };' };
  const rows: { worker: string; gzipKiB: number; startupMs: number; spreadMs: [number, number] }[] = [];
  const samples: Record<string, number[]> = { trivial: [] };
  for (const w of WORKERS) samples[w.name] = [];
  // Interleaved, so a busy moment of the machine falls on every Worker alike.
  for (let i = 0; i < RUNS; i++) {
    samples.trivial.push(await firstAnswer(trivial, "/"));
    for (const w of WORKERS) samples[w.name].push(await firstAnswer({ scriptPath: join(out, w.name, "index.js") }, w.path));
  }
  const base = median(samples.trivial);
  for (const w of WORKERS) {
    const file = join(out, w.name, "index.js");
    const net = samples[w.name].map((ms) => ms - base);
    rows.push({
      worker: w.name,
      gzipKiB: Math.round((gzipSync(readFileSync(file)).length / 1024) * 10) / 10,
      startupMs: Math.round(median(net)),
      spreadMs: [Math.round(Math.min(...net)), Math.round(Math.max(...net))],
    });
  }
  console.log(`startup (median of ${RUNS}, first answer less a one-line Worker's ${Math.round(base)} ms)`);
  console.log("worker       gzip KiB   startup ms   spread ms   bundle bytes");
  for (const r of rows)
    console.log(`${r.worker.padEnd(12)} ${String(r.gzipKiB).padStart(8)}   ${String(r.startupMs).padStart(10)}   ${`${r.spreadMs[0]}–${r.spreadMs[1]}`.padStart(9)}   ${statSync(join(out, r.worker, "index.js")).size}`);
  writeFileSync(join(ROOT, "bench", "startup.json"), `${JSON.stringify({ at: new Date().toISOString(), runs: RUNS, trivialMs: Math.round(base), rows }, null, 2)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
