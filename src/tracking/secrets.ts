// Tracking providers' webhook secrets: set by the merchant, read only to check a signature, never answered.
import type { ProviderName } from "./providers/provider";

export async function setWebhookSecret(db: D1Database, provider: ProviderName, secret: string) {
  const now = Date.now();
  await db
    .prepare(
      `INSERT INTO tracking_webhook_secrets (provider, secret, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (provider) DO UPDATE SET secret = excluded.secret, updated_at = excluded.updated_at`,
    )
    .bind(provider, secret, now)
    .run();
  return { provider, configured: true, updated_at: now };
}

export const webhookSecretOf = async (db: D1Database, provider: ProviderName) =>
  (await db.prepare("SELECT secret FROM tracking_webhook_secrets WHERE provider = ?").bind(provider).first<{ secret: string }>())?.secret ?? null;
