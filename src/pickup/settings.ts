// How many days a ready pickup waits for its customer: a location's own setting, else the merchant's default ('*'),
// else a week.
export const DEFAULT_HOLD_DAYS = 7;
export const ALL_LOCATIONS = "*";

export async function holdDaysAt(db: D1Database, locationId: string): Promise<number> {
  const row = await db
    .prepare("SELECT hold_days FROM pickup_settings WHERE location_id IN (?, ?) ORDER BY location_id = ? DESC LIMIT 1")
    .bind(locationId, ALL_LOCATIONS, locationId)
    .first<{ hold_days: number }>();
  return row?.hold_days ?? DEFAULT_HOLD_DAYS;
}

export async function pickupSettings(db: D1Database) {
  const { results } = await db.prepare("SELECT location_id, hold_days FROM pickup_settings ORDER BY location_id").all<{ location_id: string; hold_days: number }>();
  return {
    default_hold_days: results.find((r) => r.location_id === ALL_LOCATIONS)?.hold_days ?? DEFAULT_HOLD_DAYS,
    locations: results.filter((r) => r.location_id !== ALL_LOCATIONS),
  };
}

export async function setHoldDays(db: D1Database, locationId: string | undefined, holdDays: number) {
  await db
    .prepare("INSERT INTO pickup_settings (location_id, hold_days, updated_at) VALUES (?, ?, ?) ON CONFLICT (location_id) DO UPDATE SET hold_days = excluded.hold_days, updated_at = excluded.updated_at")
    .bind(locationId ?? ALL_LOCATIONS, holdDays, Date.now())
    .run();
  return pickupSettings(db);
}
