import { and, desc, eq, isNull, lt } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { apiKeys } from "../db/schema";
import { newId } from "../domain/ids";
import type { Principal } from "../env";
import type { Scope } from "../http/auth-scopes";
import { randomToken, sha256Hex } from "../http/crypto";

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export async function keyFromHash(db: D1Database, hash: string): Promise<Principal | null> {
  const row = await drizzle(db)
    .select({ id: apiKeys.id, kind: apiKeys.kind, scopes: apiKeys.scopes })
    .from(apiKeys)
    .where(and(eq(apiKeys.hash, hash), isNull(apiKeys.revokedAt)))
    .get();
  return row ?? null;
}

/** Creates a key with these scopes (decided by grant.ts) and returns it with its secret, shown this once and never stored. */
export async function createKey(db: D1Database, input: { kind: "secret" | "publishable"; name: string; scopes: Scope[] }) {
  const secret = `${input.kind === "secret" ? "sk" : "pk"}_${randomToken(32)}`;
  const row: ApiKeyRow = {
    id: newId("key"),
    kind: input.kind,
    name: input.name,
    hash: await sha256Hex(secret),
    prefix: secret.slice(0, 7),
    scopes: input.scopes,
    createdAt: Date.now(),
    revokedAt: null,
  };
  await drizzle(db).insert(apiKeys).values(row);
  return { row, secret };
}

export async function listKeys(db: D1Database, limit: number, cursor?: string) {
  return drizzle(db)
    .select()
    .from(apiKeys)
    .where(cursor ? lt(apiKeys.id, cursor) : undefined)
    .orderBy(desc(apiKeys.id))
    .limit(limit + 1)
    .all();
}

export async function revokeKey(db: D1Database, id: string) {
  const d = drizzle(db);
  await d.update(apiKeys).set({ revokedAt: Date.now() }).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
  return d.select().from(apiKeys).where(eq(apiKeys.id, id)).get();
}
