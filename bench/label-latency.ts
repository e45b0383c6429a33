// How long a confirmed order takes to get its shipping label, when 500 paid orders arrive in a burst: the time from
// the 201 of the checkout to the moment every one of its fulfillments answers its label download with 200. The
// label is made by the queues alone (fulfillment job, then label job), so this measures the async backbone.
import { randomUUID } from "node:crypto";
import { fulfillmentIdOf } from "../src/fulfillment/create";

interface Options {
  base: string;
  pk: string;
  adminKey: string;
  sku: string;
  price: number;
  orders: number;
  concurrency: number;
  log: (m: string) => void;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0);

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

export async function labelLatency(o: Options) {
  const placed: { confirmedAt: number; fulfillments: string[] }[] = [];
  let refused = 0;
  const burstStart = Date.now();
  await pool(Array.from({ length: o.orders }, (_, i) => i), o.concurrency, async (i) => {
    const res = await fetch(new URL("/v1/checkouts", o.base), {
      method: "POST",
      headers: { authorization: `Bearer ${o.pk}`, "content-type": "application/json", "idempotency-key": `label-${randomUUID()}` },
      body: JSON.stringify({
        email: `label+${i}@example.com`,
        currency: "EUR",
        lines: [{ sku: o.sku, quantity: 1 }],
        shipping_address: { name: "Lena Label", line1: "Torstraße 1", city: "Berlin", postal_code: "10119", country: "DE", latitude: 52.53, longitude: 13.4 },
        payment: { provider: "bench-psp", reference: `label_${i}`, amount: o.price },
      }),
    });
    if (res.status !== 201) return void refused++;
    const order = (await res.json()) as { id: string; lines: { allocations: { location_id: string }[] }[] };
    const locations = new Set(order.lines.flatMap((l) => l.allocations.map((a) => a.location_id)));
    placed.push({ confirmedAt: Date.now(), fulfillments: [...locations].map((loc) => fulfillmentIdOf(order.id, loc)) });
  });
  o.log(`labels: ${placed.length} paid orders placed in ${((Date.now() - burstStart) / 1000).toFixed(1)} s (${refused} refused); waiting for their labels`);

  const labelAt = new Map<string, number>();
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const waiting = placed.flatMap((p) => p.fulfillments).filter((f) => !labelAt.has(f));
    if (!waiting.length) break;
    await pool(waiting, 20, async (id) => {
      const res = await fetch(new URL(`/v1/fulfillments/${id}/label`, o.base), { headers: { authorization: `Bearer ${o.adminKey}` } });
      await res.arrayBuffer();
      if (res.status === 200) labelAt.set(id, Date.now());
    });
    await new Promise((r) => setTimeout(r, 100));
  }
  const done = placed.filter((p) => p.fulfillments.every((f) => labelAt.has(f)));
  const ms = done.map((p) => Math.max(...p.fulfillments.map((f) => labelAt.get(f)!)) - p.confirmedAt).sort((a, b) => a - b);
  return {
    orders: placed.length,
    labelled: done.length,
    missing: placed.length - done.length,
    p50_ms: percentile(ms, 50),
    p99_ms: percentile(ms, 99),
    max_ms: ms[ms.length - 1] ?? 0,
  };
}
