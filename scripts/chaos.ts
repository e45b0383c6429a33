// `npm run chaos -- <seeds> [ops]`: the chaos test (test/chaos) with many seeds instead of the few `npm test` runs.
// Settings reach the tests inside workerd through vitest's `provide` (host environment variables do not).
// Replay one failure: `CHAOS_SEED=<seed> [CHAOS_PATH=<path>] npm run chaos` (the failure report prints both).
import { startVitest } from "vitest/node";

const [seedsArg, opsArg] = process.argv.slice(2).filter((a) => a !== "--");
const settings = {
  seeds: Number(seedsArg ?? process.env.CHAOS_SEEDS ?? 50),
  ops: Number(opsArg ?? process.env.CHAOS_OPS ?? 60),
  seed: process.env.CHAOS_SEED ? Number(process.env.CHAOS_SEED) : null,
  path: process.env.CHAOS_PATH ?? null,
  firstSeed: Number(process.env.CHAOS_FIRST_SEED ?? 1),
  shrink: process.env.CHAOS_SHRINK !== "0",
  // How long fast-check may spend shrinking one failing seed (each try re-runs the OMS) before reporting the shortest so far.
  shrinkMs: Number(process.env.CHAOS_SHRINK_MS ?? 240_000),
};
console.log("chaos settings", settings);
// The pool wraps a Durable Object class's prototype in one more Proxy each time an instance is made
// (@cloudflare/vitest-pool-workers createProxyPrototypeClass), so one test run that makes many thousands of cells ends in
// "Maximum call stack size exceeded" (seen after ~56 seeds of 40 operations). Seeds therefore run in chunks, each a
// fresh vitest run with fresh isolates.
const CHUNK = 25;
let failed = 0;
const chunks = settings.seed !== null ? [{ firstSeed: settings.firstSeed, seeds: 1 }] : [];
for (let first = settings.firstSeed; settings.seed === null && first < settings.firstSeed + settings.seeds; first += CHUNK)
  chunks.push({ firstSeed: first, seeds: Math.min(CHUNK, settings.firstSeed + settings.seeds - first) });
for (const chunk of chunks) {
  const vitest = await startVitest("test", ["test/chaos"], {
    watch: false,
    // Read in the test with an untyped inject("chaos"): this setting is not part of the suite's typed context.
    provide: { chaos: { ...settings, ...chunk } } as Record<string, unknown>,
    // Many seeds take long; the per-test timeout grows with them.
    testTimeout: settings.shrink ? settings.shrinkMs + 120_000 : Math.max(60_000, settings.ops * 3_000),
  });
  failed += vitest?.state.getCountOfFailedTests() ?? 0;
  await vitest?.close();
}
console.log(`chaos: ${settings.seed !== null ? 1 : settings.seeds} seed(s) × ${settings.ops} operations, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
