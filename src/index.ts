// Worker entry: HTTP, the cron sweep, and the Durable Object classes wrangler binds.
import { app } from "./app";
import type { Env } from "./env";
import { sweep } from "./orders/sweep";
import { consume } from "./queues/consumer";

export { InventoryCell } from "./inventory/cell";

export default {
  fetch: app.fetch,
  async queue(batch: MessageBatch<unknown>, env: Env, _ctx: ExecutionContext) {
    await consume(batch, env);
  },
  async scheduled(_controller: ScheduledController, env: Env, ctx: ExecutionContext) {
    ctx.waitUntil(
      sweep(env).then((report) => {
        if (report.expired || report.released || report.enqueued) console.log("sweep", report);
      }),
    );
  },
} satisfies ExportedHandler<Env>;
