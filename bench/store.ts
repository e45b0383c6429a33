// A store of BENCH_ORDERS orders (default 100,000) over a year, as bulk SQL for a throwaway local D1: ~2 lines and
// allocations each, 30,000 customers, 5 locations, 2,000 SKUs with stock levels, 6 channels, a tag on 1 in 10 orders.
// Deterministic, so two runs build the same store. Used by bench/orders-search.ts and bench/dashboard-pages.ts.
export const ORDERS = Number(process.env.BENCH_ORDERS ?? 100_000);
export const DAY = 86_400_000;
export const NOW = Date.UTC(2026, 3, 1);

// A deterministic pseudo-random sequence, so two runs build the same store.
let seed = 42;
const rand = () => {
  // mulberry32: 32-bit integer steps (Math.imul), so no precision is lost as with a float LCG.
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const pick = <T>(weighted: [T, number][]) => {
  let r = rand();
  for (const [v, w] of weighted) if ((r -= w) < 0) return v;
  return weighted[weighted.length - 1][0];
};
export const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const pad = (n: number, w = 8) => String(n).padStart(w, "0");

const LOCATIONS = ["loc_ber", "loc_lys", "loc_muc", "loc_ham", "loc_3pl"];
const CHANNELS = ["ch_web", "ch_shop", "ch_amazon", "ch_ebay", "ch_b2b", "ch_pos"];
const TAGS = ["vip", "gift", "wholesale", "fragile", "rush", "b2b", "influencer", "replacement", "review", "bulk"];

export function storeSql(): string[] {
  const out: string[] = [];
  const address = JSON.stringify({ line1: "1 Depot Road", city: "Berlin", postal_code: "10115", country: "DE" });
  out.push(...LOCATIONS.map((l, k) => `INSERT OR IGNORE INTO locations (id, code, name, kind, address, latitude, longitude, can_ship, can_pickup, priority, active, created_at, updated_at) VALUES (${q(l)}, ${q(l.slice(4))}, ${q(`Warehouse ${l.slice(4)}`)}, 'warehouse', ${q(address)}, 52.5, 13.4, 1, 0, ${k + 1}, 1, 0, 0);`));
  out.push(...CHANNELS.filter((c) => c !== "ch_web").map((c) => `INSERT OR IGNORE INTO channels (id, code, name, kind, created_at, updated_at) VALUES (${q(c)}, ${q(c.slice(3))}, ${q(c)}, 'marketplace', 0, 0);`));
  const orders: string[] = [];
  const lines: string[] = [];
  const allocations: string[] = [];
  const flush = () => {
    if (orders.length)
      out.push(
        `INSERT INTO orders (id, number, channel_id, status, payment_status, fulfillment_status, stock_state, currency, subtotal, shipping_total, tax_total, total, email, shipping_address, tags, version, created_at, updated_at) VALUES ${orders.join(",")};`,
      );
    if (lines.length) out.push(`INSERT INTO order_lines (id, order_id, position, sku, variant_id, title, quantity, unit_price, total) VALUES ${lines.join(",")};`);
    if (allocations.length) out.push(`INSERT INTO allocations (id, order_id, line_id, sku, location_id, quantity, hold_id) VALUES ${allocations.join(",")};`);
    orders.length = lines.length = allocations.length = 0;
  };
  for (let i = 0; i < ORDERS; i++) {
    const id = `ord_${pad(i)}`;
    const created = NOW - 365 * DAY + Math.floor((i / ORDERS) * 365 * DAY);
    const status = pick<string>([["completed", 0.7], ["open", 0.2], ["cancelled", 0.08], ["on_hold", 0.02]]);
    const payment = status === "cancelled" ? pick<string>([["voided", 0.5], ["expired", 0.5]]) : pick<string>([["paid", 0.85], ["authorized", 0.1], ["pending", 0.05]]);
    const fulfillment = status === "completed" ? "delivered" : status === "cancelled" ? "unfulfilled" : pick<string>([["unfulfilled", 0.6], ["partial", 0.1], ["fulfilled", 0.3]]);
    const channel = pick(CHANNELS.map((c, k) => [c, k === 0 ? 0.5 : 0.1] as [string, number]));
    const email = `customer${Math.floor(rand() * 30_000)}@example.com`;
    const n = 1 + Math.floor(rand() * 3);
    const location = pick(LOCATIONS.map((l, k) => [l, [0.4, 0.25, 0.15, 0.15, 0.05][k]] as [string, number]));
    let subtotal = 0;
    for (let p = 1; p <= n; p++) {
      const sku = `SKU-${pad(Math.floor(rand() * 2000), 4)}`;
      const qty = 1 + Math.floor(rand() * 3);
      const price = 500 + Math.floor(rand() * 20_000);
      subtotal += qty * price;
      lines.push(`(${q(`line_${pad(i)}_${p}`)},${q(id)},${p},${q(sku)},'var',${q(sku)},${qty},${price},${qty * price})`);
      allocations.push(`(${q(`alloc_${pad(i)}_${p}`)},${q(id)},${q(`line_${pad(i)}_${p}`)},${q(sku)},${q(location)},${qty},${q(`hold_${pad(i)}_${p}`)})`);
    }
    const tags = rand() < 0.1 ? JSON.stringify([TAGS[Math.floor(rand() * TAGS.length)]]) : "[]";
    const address = JSON.stringify({ name: "Bench Shopper", line1: "1 Bench Street", city: "Berlin", postal_code: "10115", country: "DE" });
    orders.push(
      `(${q(id)},${1001 + i},${q(channel)},${q(status)},${q(payment)},${q(fulfillment)},'committed','EUR',${subtotal},0,0,${subtotal},${q(email)},${q(address)},${q(tags)},1,${created},${created})`,
    );
    if (orders.length === 200) flush();
  }
  flush();
  // Customers as the checkout would have made them, one per email.
  out.push(
    `INSERT OR IGNORE INTO customers (id, email, orders_count, first_order_at, last_order_at, created_at, updated_at)
     SELECT 'cus_' || substr(MIN(id), 5), email, COUNT(*), MIN(created_at), MAX(created_at), MIN(created_at), MAX(created_at) FROM orders GROUP BY email;`,
    "UPDATE orders SET customer_id = (SELECT id FROM customers c WHERE c.email = orders.email);",
    // Stock levels at every location for every SKU (the inventory screen's list).
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1999)
     INSERT OR IGNORE INTO inventory_levels (sku, location_id, on_hand, held, committed, safety_stock, available, allow_backorder, version, updated_at)
     SELECT 'SKU-' || printf('%04d', i), l.id, 40 + (i % 60), i % 3, i % 5, 5, 40 + (i % 60) - (i % 3) - (i % 5) - 5, 0, 1, ${NOW}
     FROM n, (${LOCATIONS.map((l) => `SELECT ${q(l)} AS id`).join(" UNION ALL ")}) l;`,
  );
  return out;
}

