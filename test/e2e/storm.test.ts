// Many shoppers, too little stock: every unit is sold exactly once and everyone else gets a clean 409.
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { cellOf } from "../../src/inventory/cells";
import { admin, key } from "../helpers/client";
import { makeLocation, makeProduct, receive, shipTo } from "../helpers/fixtures";

const SHOPPERS = 150;

it(`sells exactly the stock to ${SHOPPERS} concurrent shoppers over two locations, and the ledgers balance`, async () => {
  const berlin = await makeLocation("berlin", { priority: 1 });
  const lyon = await makeLocation("lyon", { priority: 2 });
  const [sku] = await makeProduct([2500]);
  await receive(sku, berlin, 30);
  await receive(sku, lyon, 20);

  // Paid at checkout: placed by the merchant's server, the only caller besides the provider that may assert payment.
  const shop = admin();
  const results = await Promise.all(
    Array.from({ length: SHOPPERS }, (_, i) =>
      shop.POST("/v1/checkouts", {
        params: { header: { "idempotency-key": key(`storm-${i}`) } },
        body: {
          email: `shopper${i}@example.com`,
          currency: "EUR",
          lines: [{ sku, quantity: 1 }],
          shipping_address: shipTo(i % 2 ? "berlin" : "lyon"),
          payment: { provider: "stripe", reference: `pi_${i}`, amount: 2500 },
        },
      }),
    ),
  );

  const statuses = results.map((r) => r.response.status);
  expect(statuses.filter((s) => s === 201)).toHaveLength(50);
  expect(statuses.filter((s) => s === 409)).toHaveLength(SHOPPERS - 50);
  for (const r of results.filter((x) => x.response.status === 409))
    expect(r.error).toMatchObject({ code: "insufficient_stock", shortages: [{ sku, requested: 1 }] });

  // Every order's units are allocated, and all allocations together are exactly the stock.
  const sold = results.filter((r) => r.data).flatMap((r) => r.data!.lines[0].allocations);
  expect(sold.reduce((t, a) => t + a.quantity, 0)).toBe(50);
  const { results: rows } = await env.DB.prepare("SELECT location_id, SUM(quantity) AS units FROM allocations WHERE sku = ? GROUP BY location_id").bind(sku).all<{ location_id: string; units: number }>();
  expect(Object.fromEntries(rows.map((r) => [r.location_id, r.units]))).toEqual({ [berlin]: 30, [lyon]: 20 });

  for (const [loc, stock] of [[berlin, 30], [lyon, 20]] as const) {
    const cell = cellOf(env, sku, loc);
    const s = await cell.snapshot();
    expect(s).toMatchObject({ onHand: stock, held: 0, committed: stock, available: 0 });
    const ledger = await cell.ledger(0, 500);
    const total = (f: (e: (typeof ledger)[number]) => number) => ledger.reduce((t, e) => t + f(e), 0);
    expect([total((e) => e.onHandDelta), total((e) => e.heldDelta), total((e) => e.committedDelta)]).toEqual([s.onHand, s.held, s.committed]);
    expect(ledger.every((e) => e.onHand >= 0 && e.held >= 0 && e.committed >= 0)).toBe(true);
  }
  const orders = await env.DB.prepare("SELECT COUNT(*) AS n, COUNT(DISTINCT number) AS numbers FROM orders").first<{ n: number; numbers: number }>();
  expect(orders).toEqual({ n: 50, numbers: 50 });
});
