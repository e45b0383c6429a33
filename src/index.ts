// Worker entry: HTTP, the cron sweep, and the Durable Object classes wrangler binds.
import { app } from "./app";
import type { Env } from "./env";

export { InventoryCell } from "./inventory/cell";

export default {
  fetch: app.fetch,
  async scheduled(_controller: ScheduledController, _env: Env, _ctx: ExecutionContext) {},
} satisfies ExportedHandler<Env>;
