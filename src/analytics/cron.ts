// The analytics part of the cron: rollups and the low-stock check, each on its own so one failing never stops the other.
import type { Env } from "../env";
import { checkLowStock } from "./low-stock";
import { rollup } from "./rollup";

export async function runAnalytics(env: Env, now = Date.now()) {
  const [rollups, lowStock] = await Promise.allSettled([rollup(env, now), checkLowStock(env, now)]);
  if (rollups.status === "rejected") console.error("analytics rollup failed", rollups.reason);
  else if (rollups.value.changes) console.log("analytics rollup", rollups.value);
  if (lowStock.status === "rejected") console.error("low-stock check failed", lowStock.reason);
  else if (lowStock.value.raised || lowStock.value.recovered) console.log("low-stock check", lowStock.value);
}
