import type { InventoryCell } from "./inventory/cell";
import type { FloorCell } from "./dev/floor-cell";
import type { Job } from "./queues/job";
import type { Renderer } from "./documents/renderer";

/** Bindings from wrangler.toml plus secrets (.dev.vars locally). */
export interface Env {
  DB: D1Database;
  INVENTORY: DurableObjectNamespace<InventoryCell>;
  /** The bench floor's Durable Object (src/dev/): reached only by the development-only POST /dev/floor. */
  FLOOR?: DurableObjectNamespace<FloorCell>;
  FULFILLMENT: Queue<Job>;
  LABELS: Queue<Job>;
  NOTIFICATIONS: Queue<Job>;
  INGEST: Queue<Job>;
  SYNC: Queue<Job>;
  DOCUMENTS: R2Bucket;
  /** Static files (wrangler.toml [assets]): the API reference script. */
  ASSETS: Fetcher;
  /** The documents Worker (src/documents-worker/): draws every PDF, so pdf-lib stays out of this Worker. */
  RENDERER: Renderer;
  /** Bootstrap secret key with every scope: how the first real keys get created. */
  ADMIN_API_KEY?: string;
  PAYMENT_HOLD_SECONDS: string;
  ENVIRONMENT: string;
  /** The merchant's messaging endpoint: customer notifications are posted there, signed. Unset: they stay unsent in the outbox. */
  NOTIFY_WEBHOOK_URL?: string;
  /** The Worker's public origin (https://shop-oms.example): makes the tracking and survey links in messages absolute. */
  PUBLIC_URL?: string;
  /** whsec_… secret that signs what goes to NOTIFY_WEBHOOK_URL. */
  NOTIFY_WEBHOOK_SECRET?: string;
  /** Stripe's webhook endpoint secret (whsec_…): verifies POST /v1/payments/stripe/webhooks. */
  STRIPE_WEBHOOK_SECRET?: string;
  /** Stripe secret API key: refunds and voids go out with it. */
  STRIPE_SECRET_KEY?: string;
  /** whsec_… secret of the `test` payment provider (dev and tests; ignored in production). */
  TEST_PAYMENTS_SECRET?: string;
}

export interface Principal {
  /** api key id, or "bootstrap" for ADMIN_API_KEY. Idempotency keys are scoped by it. */
  id: string;
  kind: "secret" | "publishable";
  scopes: readonly string[];
  /** Who the timeline names; absent for API keys (`api_key:<id>`). Staff: `staff:<email>`. */
  actor?: string;
}

export type AppEnv = { Bindings: Env; Variables: { principal: Principal } };
