// Worker entry: HTTP, the cron sweep, and the Durable Object classes wrangler binds.
import { runAnalytics } from "./analytics/cron";
import { app } from "./app";
import { auditSoon } from "./audit/cron";
import type { Env } from "./env";
import { sweep } from "./orders/sweep";
import { sendRequestedMoney } from "./payments/settle";
import { expireUncollected } from "./pickup/expire";
import { raiseOverdueRequests } from "./third-party/alerts";
import { consume } from "./queues/consumer";
import { pollTracking } from "./carriers/poll";
import { reconcileAllChannels, STOCK_RECONCILE_CRON } from "./stock-sync/trigger";

export { InventoryCell } from "./inventory/cell";
export { FloorCell } from "./dev/floor-cell";

export default {
  fetch: app.fetch,
  async queue(batch: MessageBatch<unknown>, env: Env, _ctx: ExecutionContext) {
    await consume(batch, env);
  },
  async scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext) {
    if (controller.cron === STOCK_RECONCILE_CRON) {
      ctx.waitUntil(reconcileAllChannels(env, controller.scheduledTime).catch((err) => console.error("stock reconcile failed", err)));
      return;
    }
    // Independent steps: one failing is logged and never stops the other.
    ctx.waitUntil(
      sweep(env).then(
        (report) => {
          if (report.expired || report.released || report.enqueued) console.log("sweep", report);
        },
        (err) => console.error("sweep failed", err),
      ),
    );
    ctx.waitUntil(runAnalytics(env, controller.scheduledTime));
    ctx.waitUntil(auditSoon(env).catch((err) => console.error("stock audit failed", err)));
    // Refunds and voids whose job was never sent (the request died after writing them).
    ctx.waitUntil(sendRequestedMoney(env).catch((err) => console.error("sending requested refunds failed", err)));
    ctx.waitUntil(pollTracking(env, controller.scheduledTime).catch((err) => console.error("tracking poll failed", err)));
    ctx.waitUntil(expireUncollected(env, controller.scheduledTime).catch((err) => console.error("expiring uncollected pickups failed", err)));
    ctx.waitUntil(raiseOverdueRequests(env, controller.scheduledTime).catch((err) => console.error("3PL deadline check failed", err)));
  },
} satisfies ExportedHandler<Env>;
