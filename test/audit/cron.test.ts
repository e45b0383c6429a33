// The cron's audit: cells whose version moved since their last audit, once; a new discrepancy raises one outbox event.
import { env } from "cloudflare:workers";
import { expect, it, vi } from "vitest";
import { auditSoon } from "../../src/audit/cron";
import { cellOf } from "../../src/inventory/cells";
import { makeLocation, publishableKey } from "../helpers/fixtures";
import { placeOrder } from "../order-changes/world";
import { allocationsOf } from "./world";

const events = async () =>
  (await env.DB.prepare("SELECT data FROM events WHERE type = 'inventory.audit_discrepancy'").all<{ data: string }>()).results.map((r) => JSON.parse(r.data));

const projectedVersion = async (sku: string, locationId: string) =>
  (await env.DB.prepare("SELECT version FROM inventory_levels WHERE sku = ? AND location_id = ?").bind(sku, locationId).first<{ version: number }>())?.version ?? 0;

it("audits the cells that moved, and raises a discrepancy once", async () => {
  const pk = await publishableKey();
  const berlin = await makeLocation("berlin");
  const { sku, order } = await placeOrder(pk, [[berlin, 5]], 2);
  await placeOrder(pk, [[berlin, 5]], 1);

  expect(await auditSoon(env)).toEqual({ cells: 2, discrepancies: 0, raised: 0 });
  // Nothing moved since: nothing to audit.
  expect(await auditSoon(env)).toEqual({ cells: 0, discrepancies: 0, raised: 0 });

  const [a] = await allocationsOf(order.id);
  const released = await cellOf(env, sku, berlin).release(a.hold_id, "broken by the test");
  // The cell publishes its new version to the read model on its own.
  await vi.waitFor(async () => expect(await projectedVersion(sku, berlin)).toBe(released.snapshot.version), { timeout: 10_000, interval: 50 });
  expect(await auditSoon(env)).toEqual({ cells: 1, discrepancies: 1, raised: 1 });
  expect(await events()).toMatchObject([{ sku, location_id: berlin, count: 1, discrepancies: [{ kind: "allocation_hold_not_live", hold_id: a.hold_id, order_id: order.id }] }]);

  // The cell moves again but stays wrong the same way: audited, not raised again.
  await cellOf(env, sku, berlin).configure({ sku, locationId: berlin }, { lowStockThreshold: 1 });
  await vi.waitFor(async () => expect(await projectedVersion(sku, berlin)).toBeGreaterThan(released.snapshot.version), { timeout: 10_000, interval: 50 });
  expect(await auditSoon(env)).toEqual({ cells: 1, discrepancies: 1, raised: 0 });
  expect(await events()).toHaveLength(1);
});
