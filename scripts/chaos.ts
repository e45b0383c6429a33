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
const vitest = await startVitest("test", ["test/chaos"], {
  watch: false,
  provide: { chaos: settings },
  // Many seeds take long; the per-test timeout grows with them.
  testTimeout: settings.shrink ? settings.shrinkMs + 120_000 : Math.max(60_000, settings.ops * 3_000),
});
await vitest?.close();
process.exitCode = vitest?.state.getCountOfFailedTests() ? 1 : 0;
