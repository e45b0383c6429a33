// The analytics part of the cron: rollups and the low-stock check, each on its own so one failing never stops the others.
import type { Env } from "../env";
import { checkLowStock } from "./low-stock";
import { rollup } from "./rollup";
import { rollupReturns } from "./returns-rollup";
import { rollupDeliveries } from "../delivery-promises/rollup";
import { rollupSatisfaction } from "../satisfaction/rollup";
import { rollupAccuracy } from "../accuracy/rollup";

export async function runAnalytics(env: Env, now = Date.now()) {
  const [rollups, lowStock, returns] = await Promise.allSettled([rollup(env, now), checkLowStock(env, now), rollupReturns(env, now)]);
  if (rollups.status === "rejected") console.error("analytics rollup failed", rollups.reason);
  else if (rollups.value.changes) console.log("analytics rollup", rollups.value);
  if (lowStock.status === "rejected") console.error("low-stock check failed", lowStock.reason);
  else if (lowStock.value.raised || lowStock.value.recovered) console.log("low-stock check", lowStock.value);
  await rollupDeliveries(env, now).catch((err) => console.error("delivery rollup failed", err));
  await rollupAccuracy(env, now).catch((err) => console.error("accuracy rollup failed", err));
  await rollupSatisfaction(env, now).catch((err) => console.error("satisfaction rollup failed", err));
  if (returns.status === "rejected") console.error("returns rollup failed", returns.reason);
  else if (returns.value.changes) console.log("returns rollup", returns.value);
}
