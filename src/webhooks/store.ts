import { desc, eq, lt } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { webhookSubscriptions } from "../db/schema";
import { newId } from "../domain/ids";
import { generateSecret } from "./signature";

export type WebhookSubscriptionRow = typeof webhookSubscriptions.$inferSelect;

// The secret is stored as it is, unlike an API key's: signing each delivery needs it.
export async function createSubscription(db: D1Database, input: { url: string; events: string[]; active: boolean }) {
  const now = Date.now();
  const row: WebhookSubscriptionRow = {
    id: newId("whs", now),
    url: input.url,
    events: [...new Set(input.events)],
    secret: generateSecret(),
    active: input.active,
    createdAt: now,
    updatedAt: now,
  };
  await drizzle(db).insert(webhookSubscriptions).values(row);
  return row;
}

export const getSubscription = (db: D1Database, id: string) =>
  drizzle(db).select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id)).get();

export const listSubscriptions = (db: D1Database, limit: number, cursor?: string) =>
  drizzle(db)
    .select()
    .from(webhookSubscriptions)
    .where(cursor ? lt(webhookSubscriptions.id, cursor) : undefined)
    .orderBy(desc(webhookSubscriptions.id))
    .limit(limit + 1)
    .all();

export async function updateSubscription(db: D1Database, id: string, patch: { url?: string; events?: string[]; active?: boolean }) {
  return drizzle(db)
    .update(webhookSubscriptions)
    .set({
      url: patch.url,
      events: patch.events && [...new Set(patch.events)],
      active: patch.active,
      updatedAt: Date.now(),
    })
    .where(eq(webhookSubscriptions.id, id))
    .returning()
    .get();
}

export const rotateSecret = (db: D1Database, id: string) =>
  drizzle(db)
    .update(webhookSubscriptions)
    .set({ secret: generateSecret(), updatedAt: Date.now() })
    .where(eq(webhookSubscriptions.id, id))
    .returning()
    .get();

export const deleteSubscription = (db: D1Database, id: string) =>
  drizzle(db).delete(webhookSubscriptions).where(eq(webhookSubscriptions.id, id)).returning().get();
