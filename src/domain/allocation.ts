// Allocation v1: which locations give which units of an order. Pure: the caller brings the stock figures.
//   1. one location that can ship every line (the nearest, else the highest priority);
//   2. otherwise each SKU whole from the nearest location that has all of it;
//   3. otherwise each SKU split across locations in priority order.
// Pickup orders take everything from the pickup location or nothing.

export interface Candidate {
  locationId: string;
  /** Units this location can promise for the SKU (includes backorder room). */
  available: number;
  canShip: boolean;
  canPickup: boolean;
  /** Lower goes first. */
  priority: number;
  latitude: number | null;
  longitude: number | null;
}

export interface Demand {
  sku: string;
  qty: number;
}

export type Destination = { kind: "ship"; latitude?: number; longitude?: number } | { kind: "pickup"; locationId: string };

export interface Allocation {
  sku: string;
  locationId: string;
  qty: number;
}

export interface Shortage {
  sku: string;
  requested: number;
  available: number;
}

export type Plan = { ok: true; allocations: Allocation[] } | { ok: false; shortages: Shortage[] };

/** Lines of the same SKU draw on the same stock: demand is counted per SKU. */
export function demandOf(lines: { sku: string; quantity: number }[]): Demand[] {
  const total = new Map<string, number>();
  for (const l of lines) total.set(l.sku, (total.get(l.sku) ?? 0) + l.quantity);
  return [...total].map(([sku, qty]) => ({ sku, qty }));
}

export function planAllocation(demand: Demand[], stock: Map<string, Candidate[]>, dest: Destination): Plan {
  if (dest.kind === "pickup") return planPickup(demand, stock, dest.locationId);
  const eligible = (sku: string) => (stock.get(sku) ?? []).filter((c) => c.canShip);
  const order = byPreference(dest);

  // 1. One parcel: every SKU from one location.
  const everywhere = new Map<string, Candidate>();
  for (const d of demand)
    for (const c of eligible(d.sku)) if (!everywhere.has(c.locationId)) everywhere.set(c.locationId, c);
  const whole = [...everywhere.values()]
    .filter((loc) => demand.every((d) => eligible(d.sku).some((c) => c.locationId === loc.locationId && c.available >= d.qty)))
    .sort(order)[0];
  if (whole) return { ok: true, allocations: demand.map((d) => ({ sku: d.sku, locationId: whole.locationId, qty: d.qty })) };

  // 2 and 3, per SKU.
  const allocations: Allocation[] = [];
  const shortages: Shortage[] = [];
  for (const d of demand) {
    const line = planLine(d, eligible(d.sku), dest);
    if (line.ok) allocations.push(...line.allocations);
    else shortages.push(...line.shortages);
  }
  return shortages.length ? { ok: false, shortages } : { ok: true, allocations };
}

/** One SKU for shipping: whole from the nearest location that has it all, else split by priority. */
export function planLine(d: Demand, candidates: Candidate[], dest: Destination): Plan {
  const usable = candidates.filter((c) => c.canShip && c.available > 0);
  const whole = usable.filter((c) => c.available >= d.qty).sort(byPreference(dest))[0];
  if (whole) return { ok: true, allocations: [{ sku: d.sku, locationId: whole.locationId, qty: d.qty }] };
  const allocations: Allocation[] = [];
  let left = d.qty;
  for (const c of [...usable].sort(byPriority)) {
    if (left === 0) break;
    const take = Math.min(left, c.available);
    allocations.push({ sku: d.sku, locationId: c.locationId, qty: take });
    left -= take;
  }
  if (left > 0) return { ok: false, shortages: [{ sku: d.sku, requested: d.qty, available: d.qty - left }] };
  return { ok: true, allocations };
}

function planPickup(demand: Demand[], stock: Map<string, Candidate[]>, locationId: string): Plan {
  const shortages: Shortage[] = [];
  for (const d of demand) {
    const c = (stock.get(d.sku) ?? []).find((x) => x.locationId === locationId && x.canPickup);
    const available = Math.max(0, c?.available ?? 0);
    if (available < d.qty) shortages.push({ sku: d.sku, requested: d.qty, available });
  }
  if (shortages.length) return { ok: false, shortages };
  return { ok: true, allocations: demand.map((d) => ({ sku: d.sku, locationId, qty: d.qty })) };
}

const byPriority = (a: Candidate, b: Candidate) => a.priority - b.priority || a.locationId.localeCompare(b.locationId);

/** Nearest first when we know where the parcel goes and where the locations are; priority otherwise. */
function byPreference(dest: Destination) {
  if (dest.kind !== "ship" || dest.latitude === undefined || dest.longitude === undefined) return byPriority;
  const to = { latitude: dest.latitude, longitude: dest.longitude };
  const km = (c: Candidate) =>
    c.latitude === null || c.longitude === null ? Number.POSITIVE_INFINITY : distanceKm({ latitude: c.latitude, longitude: c.longitude }, to);
  return (a: Candidate, b: Candidate) => km(a) - km(b) || byPriority(a, b);
}

/** Great-circle distance (haversine) on a spherical Earth. */
export function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface LineAllocation {
  lineIndex: number;
  locationId: string;
  qty: number;
}

/**
 * Holds are per SKU × location, allocations per order line: hands each line its units from the SKU's allocations,
 * in line order, so two lines of one SKU share the same holds without counting a unit twice.
 */
export function splitAcrossLines(lines: { sku: string; quantity: number }[], allocations: Allocation[]): LineAllocation[] {
  const pools = new Map<string, { locationId: string; left: number }[]>();
  for (const a of allocations) {
    const pool = pools.get(a.sku) ?? [];
    pool.push({ locationId: a.locationId, left: a.qty });
    pools.set(a.sku, pool);
  }
  const out: LineAllocation[] = [];
  lines.forEach((line, lineIndex) => {
    let need = line.quantity;
    for (const p of pools.get(line.sku) ?? []) {
      if (need === 0) break;
      const take = Math.min(need, p.left);
      if (take === 0) continue;
      out.push({ lineIndex, locationId: p.locationId, qty: take });
      p.left -= take;
      need -= take;
    }
    if (need > 0) throw new Error(`allocations do not cover line ${lineIndex} (${line.sku})`);
  });
  return out;
}
