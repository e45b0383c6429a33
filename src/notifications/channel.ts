// How a message leaves: a channel. The built-in one posts a signed Standard Webhooks request to the merchant's
// messaging endpoint, which turns it into an email or SMS; another provider is another implementation of the interface.
import type { Env } from "../env";
import { signatureHeaders } from "../webhooks/signature";

export interface OutgoingMessage {
  id: string;
  to: string;
  subject: string;
  body: string;
  order_id: string;
  kind: string;
}

export type SendOutcome = { ok: true } | { ok: false; error: string };

export interface NotificationChannel {
  readonly name: string;
  send(message: OutgoingMessage): Promise<SendOutcome>;
}

const TIMEOUT_MS = 10_000;

export class WebhookChannel implements NotificationChannel {
  readonly name = "webhook";
  constructor(
    private readonly url: string,
    private readonly secret: string,
  ) {}

  async send({ id, ...message }: OutgoingMessage): Promise<SendOutcome> {
    const body = JSON.stringify(message);
    const headers = await signatureHeaders({ secret: this.secret, id, timestamp: Math.floor(Date.now() / 1000), body });
    try {
      const res = await fetch(this.url, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await res.body?.cancel();
      return res.ok ? { ok: true } : { ok: false, error: `HTTP ${res.status}` };
    } catch (err) {
      return { ok: false, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
    }
  }
}

/** The configured channel, or null: then messages stay in the outbox, unsent, for the merchant to read. */
export function channelOf(env: Env): NotificationChannel | null {
  if (!env.NOTIFY_WEBHOOK_URL || !env.NOTIFY_WEBHOOK_SECRET) return null;
  return new WebhookChannel(env.NOTIFY_WEBHOOK_URL, env.NOTIFY_WEBHOOK_SECRET);
}
