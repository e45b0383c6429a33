// The storefront Worker's entry (src/storefront-worker/app.ts; config beside it). Its Durable Objects are the OMS
// Worker's (script_name in wrangler.toml): one InventoryCell per SKU × location, whichever Worker calls it.
import type { Env } from "../env";
import { createStorefrontApp } from "./app";

/** A service binding can also be sent a scheduled event (workerd's Fetcher.scheduled; not in these types yet). */
type Oms = Fetcher & { scheduled(options: { cron?: string; scheduledTime?: Date }): Promise<unknown> };

const app = createStorefrontApp();

export default {
  fetch: app.fetch,
  // Crons belong to the OMS Worker (its wrangler.toml [triggers]). In `npm run dev` this Worker is the one on the
  // port, so a test trigger sent here (/__scheduled) is passed on.
  async scheduled(controller: ScheduledController, env: Env & { OMS: Oms }) {
    await env.OMS.scheduled({ cron: controller.cron, scheduledTime: new Date(controller.scheduledTime) });
  },
} satisfies ExportedHandler<Env & { OMS: Oms }>;
