import { isUniqueViolation } from "../db/errors";
import { and, asc, desc, eq, lt } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { monotonicFactory } from "ulid";
import { locations } from "../db/schema";
import { conflict } from "../http/problem";
import type { LocationInput, LocationPatch } from "./schemas";

// Monotonic: ids minted in one millisecond still sort in creation order, which the cursor relies on.
const ulid = monotonicFactory();

export type LocationRow = typeof locations.$inferSelect;

/** Where stock may be allocated from, best priority first (then oldest). The checkout planner ranks these. */
export const activeLocations = (db: D1Database): Promise<LocationRow[]> =>
  drizzle(db).select().from(locations).where(eq(locations.active, true)).orderBy(asc(locations.priority), asc(locations.id)).all();

const codeTaken = (code: string) => conflict("location_code_taken", `Location code ${code} is already in use.`);

export async function createLocation(db: D1Database, input: LocationInput): Promise<LocationRow> {
  const d = drizzle(db);
  const now = Date.now();
  const row: LocationRow = {
    id: `loc_${ulid()}`,
    code: input.code,
    name: input.name,
    kind: input.kind,
    address: input.address,
    latitude: input.latitude,
    longitude: input.longitude,
    canShip: input.can_ship,
    canPickup: input.can_pickup,
    priority: input.priority,
    active: input.active,
    createdAt: now,
    updatedAt: now,
  };
  if (await d.select({ id: locations.id }).from(locations).where(eq(locations.code, row.code)).get()) throw codeTaken(row.code);
  try {
    await d.insert(locations).values(row);
  } catch (err) {
    // A concurrent create took the code between the check and the insert; the unique index noticed.
    if (isUniqueViolation(err)) throw codeTaken(row.code);
    throw err;
  }
  return row;
}

export const getLocation = (db: D1Database, id: string) => drizzle(db).select().from(locations).where(eq(locations.id, id)).get();

export async function listLocations(db: D1Database, q: { limit: number; cursor?: string; active?: boolean; can_pickup?: boolean }) {
  return drizzle(db)
    .select()
    .from(locations)
    .where(
      and(
        q.cursor ? lt(locations.id, q.cursor) : undefined,
        q.active === undefined ? undefined : eq(locations.active, q.active),
        q.can_pickup === undefined ? undefined : eq(locations.canPickup, q.can_pickup),
      ),
    )
    .orderBy(desc(locations.id))
    .limit(q.limit + 1)
    .all();
}

export async function updateLocation(db: D1Database, id: string, patch: LocationPatch) {
  await drizzle(db)
    .update(locations)
    .set({
      name: patch.name,
      kind: patch.kind,
      address: patch.address,
      latitude: patch.latitude,
      longitude: patch.longitude,
      canShip: patch.can_ship,
      canPickup: patch.can_pickup,
      priority: patch.priority,
      active: patch.active,
      updatedAt: Date.now(),
    })
    .where(eq(locations.id, id));
  return getLocation(db, id);
}
